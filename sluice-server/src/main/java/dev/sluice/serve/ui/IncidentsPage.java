package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentStore;
import dev.sluice.serve.ui.Html.Safe;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Incidents: the list, one incident with its evidence, and acknowledging it. Incidents are about
 * sources, runs and the service as a whole, so keys that run ingestion ({@code ingest}) or the
 * service ({@code admin}) read them; the evidence leaves out documents, traces and answers the key may
 * not read ({@link Evidence}). Acknowledging needs {@code admin}.
 */
final class IncidentsPage {
    static final int LIST = 100;

    private final KnowledgeBase kb;

    IncidentsPage(KnowledgeBase kb) {
        this.kb = kb;
    }

    static boolean mayRead(Viewer viewer) {
        return viewer.has("admin") || viewer.has("ingest");
    }

    String list(Context ctx, Viewer viewer) {
        if (!mayRead(viewer)) {
            return Layout.page(viewer, "Incidents", "incidents", Layout.needsScope("incidents", "ingest", "admin"));
        }
        IncidentStore store = kb.incidentStore();
        List<Incident> recent = store.incidents(false, LIST);
        Safe body = Html.of(
                """
                <section><h2>Open</h2>{}</section><section><h2>Resolved</h2>{}</section>
                <p class="note">The detectors run inside <code>sluice serve</code> on a schedule and on demand with
                <code>sluice incidents check</code>.</p>
                """,
                table(recent.stream().filter(Incident::open).toList(), "No open incidents."),
                table(recent.stream().filter(i -> !i.open()).toList(), "No resolved incidents."));
        return Layout.page(viewer, "Incidents", "incidents", body);
    }

    /** Incidents as rows linking to their pages. */
    static Safe table(List<Incident> incidents, String emptyNote) {
        List<List<Object>> rows = new ArrayList<>();
        for (Incident i : incidents) {
            rows.add(List.of(
                    Html.of("<a href=\"/ui/incidents/{}\">#{}</a>", i.id(), i.id()),
                    Html.of("<span class=\"badge {}\">{}</span>", i.severity(), i.severity()),
                    i.kind().label(),
                    i.subject(),
                    Html.of("<span class=\"text\">{}</span>", i.summary()),
                    Html.of("<span class=\"badge {}\">{}</span>", i.state(), i.state()),
                    Html.time(i.openedMillis())));
        }
        return Html.table(
                emptyNote, List.of("Incident", "Severity", "Kind", "Subject", "Summary", "State", "Opened"), rows);
    }

    String detail(Context ctx, Viewer viewer) {
        Incident i = readable(viewer, ctx.pathParam("id"));
        Safe acknowledge = Safe.EMPTY;
        if (i.open() && !i.acknowledged()) {
            acknowledge = viewer.admin()
                    ? Html.of("""
                            <form class="ack" method="post" action="/ui/incidents/{}/ack">{}\
                            <button type="submit">Acknowledge</button></form>""", i.id(), Layout.csrfField(viewer))
                    : Html.of("<p class=\"note\">Acknowledging needs an API key with the 'admin' scope.</p>");
        }
        Safe compare = i.kind() == Incident.Kind.EVAL_REGRESSION && viewer.admin()
                ? Html.of(
                        "<p><a href=\"/ui/quality?set={}&amp;a={}&amp;b={}\">Compare the two eval runs</a></p>",
                        Formats.query(i.subject()),
                        String.valueOf(i.evidence().get("baselineRunId")),
                        String.valueOf(i.evidence().get("evalRunId")))
                : Safe.EMPTY;
        Safe body = Html.of(
                """
                <p class="summary">{}</p>
                <dl class="facts"><dt>Kind</dt><dd>{}</dd><dt>Subject</dt><dd>{}</dd><dt>Severity</dt>\
                <dd><span class="badge {}">{}</span></dd><dt>State</dt><dd><span class="badge {}">{}</span></dd>\
                <dt>Opened</dt><dd>{}</dd><dt>Last seen</dt><dd>{}</dd><dt>Acknowledged</dt><dd>{}</dd>\
                <dt>Resolved</dt><dd>{}</dd></dl>
                {}<section><h2>Evidence</h2>{}</section>{}
                """,
                i.summary(),
                i.kind().label(),
                i.subject(),
                i.severity(),
                i.severity(),
                i.state(),
                i.state(),
                Formats.time(i.openedMillis()),
                Formats.time(i.updatedMillis()),
                i.acknowledged() ? Formats.time(i.acknowledgedMillis()) + " by " + i.acknowledgedBy() : "-",
                Formats.time(i.resolvedMillis()),
                acknowledge,
                new Evidence(kb, viewer.caller()).render(i.evidence()),
                compare);
        return Layout.page(viewer, "Incident #" + i.id(), "incidents", body);
    }

    /** {@code POST /ui/incidents/{id}/ack}: records who acknowledged it, then shows it again. */
    void acknowledge(Context ctx, Viewer viewer) {
        Incident i = readable(viewer, ctx.pathParam("id"));
        if (!viewer.admin()) {
            throw new PageError(403, "Acknowledging an incident needs an API key with the 'admin' scope.");
        }
        // false when it was acknowledged or resolved meanwhile: the page then shows who or when
        kb.incidentStore().acknowledgeIncident(i.id(), viewer.session().key().id(), System.currentTimeMillis());
        ctx.redirect("/ui/incidents/" + i.id(), HttpStatus.SEE_OTHER);
    }

    private Incident readable(Viewer viewer, String id) {
        if (!mayRead(viewer)) {
            throw PageError.notFound("incident");
        }
        java.util.OptionalLong parsed = dev.sluice.serve.AsciiDigits.parse(id);
        if (parsed.isEmpty()) {
            throw PageError.notFound("incident");
        }
        long number = parsed.getAsLong();
        return kb.incidentStore().incident(number).orElseThrow(() -> PageError.notFound("incident"));
    }
}
