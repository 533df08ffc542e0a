package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.UsageException;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.eval.Gate;
import dev.sluice.eval.PairedComparison;
import dev.sluice.eval.RunComparison;
import dev.sluice.serve.ReadableDocuments;
import dev.sluice.serve.ui.Html.Safe;
import dev.sluice.serve.ui.SvgChart.Point;
import dev.sluice.serve.ui.SvgChart.Series;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Quality: evaluation runs over time per set, mode and metric, with the status of sluice.yaml's gates,
 * and two runs compared (the paired test of {@code sluice eval compare}) with the queries that moved.
 * As {@code /v1/eval/runs}, it needs the {@code admin} scope; the documents a moved query names are
 * shown only where the key may read them.
 */
final class QualityPage {
    /** Runs charted and listed per set. */
    static final int RUNS = 50;
    /** Moved queries listed per direction and mode. */
    static final int MOVES = 10;

    static final long SEED = 42;

    private final KnowledgeBase kb;

    QualityPage(KnowledgeBase kb) {
        this.kb = kb;
    }

    String render(Context ctx, Viewer viewer) {
        if (!viewer.admin()) {
            return Layout.page(viewer, "Quality", "quality", Layout.needsScope("evaluation results", "admin"));
        }
        Map<String, List<EvalRunRecord>> sets = bySet(kb.evalRuns().evalRuns());
        if (sets.isEmpty()) {
            return Layout.page(
                    viewer,
                    "Quality",
                    "quality",
                    Html.of("<p class=\"note\">No evaluation runs yet: run <code>sluice eval run SET</code>.</p>"));
        }
        String set = ctx.queryParam("set") != null
                ? ctx.queryParam("set")
                : sets.keySet().iterator().next();
        List<EvalRunRecord> runs = sets.get(set);
        if (runs == null) {
            throw PageError.notFound("eval set");
        }
        String metric = ctx.queryParam("metric") != null
                ? ctx.queryParam("metric")
                : runs.getFirst().metrics().getFirst();
        if (!runs.getFirst().metrics().contains(metric)) {
            throw new PageError(
                    400,
                    "Metric " + metric + " is not among the latest run's: "
                            + runs.getFirst().metrics());
        }
        List<Safe> setLinks = new ArrayList<>();
        for (String name : sets.keySet()) {
            setLinks.add(Html.of(
                    "<a href=\"/ui/quality?set={}\"{}>{}</a>",
                    Formats.query(name),
                    new Safe(name.equals(set) ? " class=\"active\"" : ""),
                    name));
        }
        List<Safe> metricLinks = new ArrayList<>();
        for (String m : runs.getFirst().metrics()) {
            metricLinks.add(Html.of(
                    "<a href=\"/ui/quality?set={}&amp;metric={}\"{}>{}</a>",
                    Formats.query(set),
                    Formats.query(m),
                    new Safe(m.equals(metric) ? " class=\"active\"" : ""),
                    m));
        }
        Safe body = Html.of(
                """
                <p class="tabs">Set: {}</p><p class="tabs">Metric: {}</p>
                <section><h2>{} over time</h2>{}</section>
                <section><h2>Runs</h2>{}</section>
                <section><h2>Compare two runs</h2>{}{}</section>
                """,
                Html.join(setLinks),
                Html.join(metricLinks),
                metric,
                trend(runs, metric),
                table(runs, metric),
                compareForm(set, metric, runs, ctx),
                comparison(ctx, viewer, metric));
        return Layout.page(viewer, "Quality", "quality", body);
    }

    /** Runs by set name, sets in the order of their newest run, runs newest first (at most {@link #RUNS}). */
    static Map<String, List<EvalRunRecord>> bySet(List<EvalRunRecord> newestFirst) {
        Map<String, List<EvalRunRecord>> out = new LinkedHashMap<>();
        for (EvalRunRecord r : newestFirst) {
            List<EvalRunRecord> runs = out.computeIfAbsent(r.setName(), k -> new ArrayList<>());
            if (runs.size() < RUNS) {
                runs.add(r);
            }
        }
        return out;
    }

    /** One line per mode: the metric's mean in each run (runs given newest first). */
    static Safe trend(List<EvalRunRecord> newestFirst, String metric) {
        Map<String, List<Point>> byMode = new LinkedHashMap<>();
        for (EvalRunRecord r : newestFirst.reversed()) {
            for (String mode : r.modes()) {
                Double value = r.means().getOrDefault(mode, Map.of()).get(metric);
                if (value != null) {
                    byMode.computeIfAbsent(mode, k -> new ArrayList<>()).add(new Point(r.finishedMillis(), value));
                }
            }
        }
        List<Series> series = new ArrayList<>();
        byMode.forEach((mode, points) -> series.add(new Series(mode, points)));
        return SvgChart.line(
                newestFirst.getFirst().setName() + ": " + metric + " per mode", series, 1.0, Formats::figure);
    }

    private Safe table(List<EvalRunRecord> runs, String metric) {
        List<String> modes = runs.getFirst().modes();
        List<String> headers = new ArrayList<>(List.of("Run", "Finished", "Queries", "Model"));
        modes.forEach(m -> headers.add(m + " " + metric));
        headers.add("Gates");
        List<List<Object>> rows = new ArrayList<>();
        for (EvalRunRecord r : runs) {
            List<Object> row =
                    new ArrayList<>(List.of(r.id(), Html.time(r.finishedMillis()), r.queries(), r.modelId()));
            for (String mode : modes) {
                Double v = r.means().getOrDefault(mode, Map.of()).get(metric);
                row.add(v == null ? "-" : Formats.figure(v));
            }
            row.add(gates(r));
            rows.add(row);
        }
        return Html.table("No runs.", headers, rows);
    }

    /** Pass or fail against sluice.yaml's gates, with the failures. */
    private Safe gates(EvalRunRecord run) {
        List<Gate> gates = kb.config().eval().gates();
        if (gates.isEmpty()) {
            return Html.of("<span class=\"muted\">no gates</span>");
        }
        List<String> failures = new ArrayList<>();
        for (String mode : run.modes()) {
            for (Gate g : gates) {
                String failure = g.check(mode, run.means().getOrDefault(mode, Map.of()));
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        return failures.isEmpty()
                ? Html.of("<span class=\"badge good\">pass</span>")
                : Html.of(
                        "<span class=\"badge bad\" title=\"{}\">fail</span> {}",
                        String.join("; ", failures),
                        String.join("; ", failures));
    }

    private static Safe compareForm(String set, String metric, List<EvalRunRecord> runs, Context ctx) {
        String a = ctx.queryParam("a") != null
                ? ctx.queryParam("a")
                : String.valueOf(runs.get(Math.min(1, runs.size() - 1)).id());
        String b = ctx.queryParam("b") != null
                ? ctx.queryParam("b")
                : String.valueOf(runs.getFirst().id());
        return Html.of("""
                <form class="compare" method="get" action="/ui/quality"><input type="hidden" name="set" value="{}">\
                <input type="hidden" name="metric" value="{}"><label>Baseline <select name="a">{}</select></label>\
                <label>Candidate <select name="b">{}</select></label><button type="submit">Compare</button></form>""", set, metric, options(runs, a), options(runs, b));
    }

    private static Safe options(List<EvalRunRecord> runs, String selected) {
        List<Safe> out = new ArrayList<>();
        for (EvalRunRecord r : runs) {
            String id = String.valueOf(r.id());
            out.add(Html.of(
                    "<option value=\"{}\"{}>run {} · {}</option>",
                    id,
                    new Safe(id.equals(selected) ? " selected" : ""),
                    id,
                    Formats.time(r.finishedMillis())));
        }
        return Html.join(out);
    }

    /** The comparison the form asked for ({@code a} and {@code b}), or nothing before it was asked. */
    private Safe comparison(Context ctx, Viewer viewer, String metric) {
        if (ctx.queryParam("a") == null || ctx.queryParam("b") == null) {
            return Safe.EMPTY;
        }
        long a = runId(ctx.queryParam("a"));
        long b = runId(ctx.queryParam("b"));
        RunComparison.Report report;
        try {
            report = kb.eval().compare(a, b, metric, MOVES, SEED);
        } catch (UsageException e) {
            return Html.of("<p class=\"error\">{}</p>", e.getMessage());
        }
        double alpha = kb.config().eval().alpha();
        List<List<Object>> deltas = new ArrayList<>();
        for (RunComparison.MetricDelta d : report.deltas()) {
            PairedComparison c = d.comparison();
            boolean significant = c.pValue() < alpha;
            deltas.add(List.of(
                    d.mode(),
                    d.metric(),
                    Formats.figure(c.meanBaseline()),
                    Formats.figure(c.meanCandidate()),
                    Html.of(
                            "<span class=\"{}\">{}</span>",
                            significant ? (c.meanDelta() < 0 ? "down" : "up") : "",
                            String.format(java.util.Locale.ROOT, "%+.4f", c.meanDelta())),
                    "[" + Formats.figure(c.ciLow()) + ", " + Formats.figure(c.ciHigh()) + "]",
                    Formats.figure(c.pValue())));
        }
        Predicate<String> readable =
                report.regressed().isEmpty() && report.improved().isEmpty()
                        ? name -> false
                        : ReadableDocuments.byPathOrUri(kb.catalog(), viewer.caller());
        return Html.of(
                """
                <h3>Run {} against run {}</h3>{}<h3>Queries that dropped ({})</h3>{}<h3>Queries that rose ({})</h3>{}""",
                b,
                a,
                Html.table(
                        "The runs share no mode and metric.",
                        List.of("Mode", "Metric", "Baseline", "Candidate", "Delta", "95% interval", "p"),
                        deltas),
                report.metric(),
                moves(report.regressed(), readable),
                report.metric(),
                moves(report.improved(), readable));
    }

    private static Safe moves(List<RunComparison.QueryMove> moves, Predicate<String> readable) {
        List<List<Object>> rows = new ArrayList<>();
        for (RunComparison.QueryMove m : moves) {
            List<Safe> ranks = new ArrayList<>();
            int hidden = 0;
            for (Map.Entry<String, Integer> e : m.ranksBefore().entrySet()) {
                if (!readable.test(e.getKey())) {
                    hidden++;
                    continue;
                }
                Integer after = m.ranksAfter().get(e.getKey());
                ranks.add(Html.of(
                        "<li><span class=\"doc\">{}</span> rank {} → {}</li>",
                        e.getKey(),
                        rank(e.getValue()),
                        rank(after)));
            }
            if (hidden > 0) {
                ranks.add(Html.of("<li class=\"muted\">{} documents this key may not read</li>", hidden));
            }
            rows.add(List.of(
                    m.mode(),
                    m.queryId(),
                    Formats.figure(m.before()),
                    Formats.figure(m.after()),
                    Html.of("<ul class=\"plain\">{}</ul>", Html.join(ranks))));
        }
        return Html.table("None.", List.of("Mode", "Query", "Before", "After", "Relevant documents"), rows);
    }

    private static String rank(Integer rank) {
        return rank == null || rank == 0 ? "not retrieved" : String.valueOf(rank);
    }

    private static long runId(String value) {
        java.util.OptionalLong id = dev.sluice.serve.AsciiDigits.parse(value);
        if (id.isEmpty()) {
            throw new PageError(400, "Eval run ids are whole numbers written in digits 0-9, got '" + value + "'.");
        }
        return id.getAsLong();
    }
}
