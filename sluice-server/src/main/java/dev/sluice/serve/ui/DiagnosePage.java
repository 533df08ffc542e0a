package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.diagnose.Diagnosis;
import dev.sluice.diagnose.DiagnosisRequest;
import dev.sluice.serve.ui.Html.Safe;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The diagnosis of one answer, from the form under the answer on its trace page: which layer it comes
 * from, as {@code POST /v1/diagnose} says it, with the viewer's own access (an expected document the
 * viewer may not read is "no document"). The viewer's own answers, or, for an admin key, any answer it
 * may read; any other id is 404.
 */
final class DiagnosePage {
    private final KnowledgeBase kb;

    DiagnosePage(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** Whether the viewer may diagnose this answer. */
    static boolean mayDiagnose(Viewer viewer, AnswerRecord a, KnowledgeBase kb) {
        return a.principal().equals(viewer.caller().key().principal())
                || viewer.admin() && viewer.caller().mayReadAnswer(a, kb.catalog()::document);
    }

    /** The form under an answer. */
    static Safe form(Viewer viewer, AnswerRecord a, String traceId) {
        return Html.of("""
                <h3>Diagnose</h3><form class="diagnose" method="post" action="/ui/answers/{}/diagnose">{}\
                <input type="hidden" name="trace" value="{}">\
                <label>Expected document <input name="expect" required placeholder="path, URI or chunk id"></label> \
                <label>Expected text <input name="expectText" placeholder="optional phrase"></label> \
                <button type="submit">Diagnose</button></form>""", a.id(), Layout.csrfField(viewer), traceId);
    }

    /** {@code POST /ui/answers/{id}/diagnose}: runs the diagnosis and shows it. */
    String render(Context ctx, Viewer viewer) {
        AnswerRecord a = kb.answers().answer(ctx.pathParam("id"));
        if (a == null || !mayDiagnose(viewer, a, kb)) {
            throw PageError.notFound("answer");
        }
        String expect = ctx.formParam("expect");
        if (expect == null || expect.isBlank()) {
            throw new PageError(400, "Name the expected document: a path relative to its source, a URI or a chunk id.");
        }
        Diagnosis d = kb.diagnose(new DiagnosisRequest(
                null,
                expect,
                ctx.formParam("expectText"),
                a.id(),
                null,
                null,
                viewer.caller().tokens()));
        List<Safe> evidence = new ArrayList<>();
        d.evidence().forEach((key, value) -> evidence.add(Html.of("<dt>{}</dt><dd><code>{}</code></dd>", key, value)));
        String trace = ctx.formParam("trace");
        Safe back = trace != null && trace.matches("[0-9a-f]{32}")
                ? Html.of("<p><a href=\"/ui/traces/{}\">Back to the trace</a></p>", trace)
                : Safe.EMPTY;
        Safe body = Html.of(
                """
                <p class="summary">{}</p><dl class="facts"><dt>Question</dt><dd>{}</dd><dt>Layer</dt>\
                <dd><span class="badge {}">{}</span></dd><dt>Cause</dt><dd>{}</dd><dt>Fix</dt><dd>{}</dd></dl>\
                <section><h2>Evidence</h2><dl class="facts">{}</dl></section>{}""",
                d.summary(),
                a.question(),
                d.failed() ? "bad" : "good",
                d.layer().label(),
                d.cause(),
                d.fix().isEmpty() ? "-" : d.fix(),
                Html.join(evidence),
                back);
        return Layout.page(viewer, "Diagnosis of " + a.id(), "questions", body);
    }
}
