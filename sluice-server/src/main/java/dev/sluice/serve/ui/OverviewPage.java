package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.serve.ReadableSources;
import dev.sluice.serve.ui.Html.Safe;
import dev.sluice.serve.ui.SvgChart.Series;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The overview: open incidents, freshness per source, the quality trend, error rate and latency of
 * the last 24 hours, and spend against budget; each part under the same rule as its own page.
 */
final class OverviewPage {
    static final long HEALTH_WINDOW_MILLIS = 24 * 3600_000L;
    static final int OPEN_INCIDENTS = 10;

    private final KnowledgeBase kb;

    OverviewPage(KnowledgeBase kb) {
        this.kb = kb;
    }

    String render(Context ctx, Viewer viewer) {
        long now = System.currentTimeMillis();
        Safe body = Html.of(
                """
                <div class="grid">
                <section class="wide"><h2><a href="/ui/incidents">Open incidents</a></h2>{}</section>
                <section class="wide"><h2><a href="/ui/sources">Freshness</a></h2>{}</section>
                <section><h2><a href="/ui/quality">Quality trend</a></h2>{}</section>
                <section><h2><a href="/ui/questions">Errors and latency, last 24 h</a></h2>{}</section>
                <section class="wide"><h2><a href="/ui/cost">Spend against budget</a></h2>{}</section>
                </div>""",
                incidents(viewer),
                viewer.has("query")
                        ? SourcesPage.freshness(ReadableSources.of(kb, viewer.caller(), now, 0), false)
                        : Layout.needsScope("freshness", "query"),
                quality(viewer),
                health(viewer, now),
                CostPage.burn(Spend.of(kb, viewer, now)));
        return Layout.page(viewer, "Overview", "", body);
    }

    private Safe incidents(Viewer viewer) {
        if (!IncidentsPage.mayRead(viewer)) {
            return Layout.needsScope("incidents", "ingest", "admin");
        }
        return IncidentsPage.table(kb.incidentStore().incidents(true, OPEN_INCIDENTS), "No open incidents.");
    }

    /** The latest eval set's first metric per mode over its runs. */
    private Safe quality(Viewer viewer) {
        if (!viewer.admin()) {
            return Layout.needsScope("the quality trend", "admin");
        }
        Map<String, List<EvalRunRecord>> sets = QualityPage.bySet(kb.evalRuns().evalRuns());
        if (sets.isEmpty()) {
            return Html.of("<p class=\"note\">No evaluation runs yet.</p>");
        }
        List<EvalRunRecord> runs = sets.values().iterator().next();
        return QualityPage.trend(runs, runs.getFirst().metrics().getFirst());
    }

    private Safe health(Viewer viewer, long now) {
        ServiceHealth h = ServiceHealth.of(kb, viewer, now - HEALTH_WINDOW_MILLIS);
        return Html.of(
                """
                <p class="figures"><span><b>{}</b> requests{}</span><span><b>{}</b> errors (5xx)</span>\
                <span><b>{}</b> p50</span><span><b>{}</b> p99</span></p>{}""",
                h.requests(),
                viewer.admin() ? "" : " with your key",
                Formats.percent(h.errorRate()),
                Formats.millis(h.p50Millis()),
                Formats.millis(h.p99Millis()),
                SvgChart.line(
                        "Request latency per hour (ms)",
                        List.of(new Series("p50", h.p50ByHour()), new Series("p99", h.p99ByHour())),
                        null,
                        Formats::millis));
    }
}
