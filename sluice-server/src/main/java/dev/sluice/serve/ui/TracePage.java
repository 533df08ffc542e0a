package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackDiagnosis;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.serve.ui.Html.Safe;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * One trace: what was asked, the answer and its feedback (with a form to diagnose it, {@link
 * DiagnosePage}), and every span as a tree ({@link SpanView}):
 * the chunks each retrieval mode ranked with their scores, the context, the LLM calls, the citation
 * check. As {@code /v1/traces/{id}}: the viewer's own traces, every trace for an admin key; any other
 * id, and an unknown one, is 404.
 */
final class TracePage {
    /** Feedback read at most when looking for an answer's. */
    static final int FEEDBACK_READ = 500;

    private final KnowledgeBase kb;

    TracePage(KnowledgeBase kb) {
        this.kb = kb;
    }

    String render(Context ctx, Viewer viewer) {
        String id = ctx.pathParam("id");
        List<SpanRecord> spans = id.matches("[0-9a-f]{32}") ? kb.trace(id) : List.of();
        SpanRecord root = spans.stream().filter(SpanRecord::root).findFirst().orElse(null);
        if (root == null || !viewer.caller().mayReadTraceOf(QuestionsPage.keyId(root))) {
            throw PageError.notFound("trace");
        }
        SpanView view = new SpanView(kb, viewer.caller());
        Safe tree = view.tree(spans); // first: it finds out whether any chunk is hidden from the viewer
        Object query = root.attributes().get(Tracing.QUERY.getKey());
        Safe body = Html.of(
                """
                <dl class="facts"><dt>Trace</dt><dd><code>{}</code></dd><dt>Request</dt><dd>{}</dd>\
                <dt>Started</dt><dd>{}</dd><dt>Took</dt><dd>{}</dd><dt>Status</dt><dd>{}</dd><dt>Key</dt><dd>{}</dd>\
                <dt>Question</dt><dd>{}</dd></dl>{}<section><h2>Spans</h2>{}</section>""",
                id,
                root.name(),
                Formats.time(root.startEpochNanos() / 1_000_000),
                Formats.millis(root.durationMillis()),
                root.attributes().containsKey("http.response.status_code") ? QuestionsPage.status(root) : root.status(),
                QuestionsPage.keyId(root).isEmpty() ? "-" : QuestionsPage.keyId(root),
                query == null ? "-" : query.toString(),
                answer(root, viewer),
                tree);
        return Layout.page(viewer, "Trace", "questions", body);
    }

    /** The answer the request gave, with its feedback, when the viewer may read it. */
    private Safe answer(SpanRecord root, Viewer viewer) {
        Object answerId = root.attributes().get(Tracing.ANSWER_ID.getKey());
        AnswerRecord a = answerId == null ? null : kb.answers().answer(answerId.toString());
        if (a == null) {
            return Safe.EMPTY;
        }
        if (!viewer.caller().mayReadAnswer(a, kb.catalog()::document)) {
            return Html.of("<p class=\"note\">The answer drew on documents this key may not read.</p>");
        }
        List<List<Object>> feedback = new ArrayList<>();
        for (AnswerStore.Feedback f : kb.answers().feedbackSince(a.createdMillis(), FEEDBACK_READ)) {
            if (f.answer().id().equals(a.id())) {
                feedback.add(List.of(
                        Html.time(f.feedback().createdMillis()),
                        f.feedback().rating(),
                        f.feedback().comment() == null ? "" : f.feedback().comment(),
                        f.feedback().principal(),
                        diagnosis(f.diagnosis(), viewer)));
            }
        }
        List<Safe> documents = new ArrayList<>();
        for (String uri : a.contextUris()) {
            DocumentRecord d = kb.catalog().document(uri);
            documents.add(Html.of("<li class=\"doc\">{}</li>", d == null ? uri : d.source() + ": " + d.path()));
        }
        return Html.of(
                """
                <section><h2>Answer <span class="badge">{}</span></h2><blockquote>{}</blockquote>\
                <p class="list-name">Context documents</p><ul class="plain">{}</ul>\
                <h3>Feedback</h3>{}{}</section>""",
                a.kind(),
                a.answer(),
                Html.join(documents),
                Html.table(
                        "No feedback on this answer.",
                        List.of("When", "Rating", "Comment", "By", "Diagnosis"),
                        feedback),
                DiagnosePage.mayDiagnose(viewer, a, kb) ? DiagnosePage.form(viewer, a, root.traceId()) : Safe.EMPTY);
    }

    /** What the thumbs-down's diagnosis found, in one cell; empty when none ran or the viewer may not see it. */
    private Safe diagnosis(FeedbackDiagnosis d, Viewer viewer) {
        if (d == null || !viewer.caller().mayReadDiagnosis(d, kb.catalog()::document)) {
            return Safe.EMPTY;
        }
        String expected = d.expect() == null ? "" : " (expected " + d.expect() + ")";
        if (d.error() != null) {
            return Html.of("<span class=\"note\">could not run{}: {}</span>", expected, d.error());
        }
        return Html.of(
                "<span class=\"badge\">{}</span> <code>{}</code>{} {}<br><span class=\"note\">{}</span>",
                d.layer(),
                d.cause(),
                expected,
                d.summary(),
                d.fix());
    }
}
