package dev.sluice.cli;

import dev.sluice.eval.EvalRunRecord;
import dev.sluice.eval.EvalRunner;
import dev.sluice.eval.PairedComparison;
import dev.sluice.eval.RunComparison;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How eval runs and comparisons read: tables for people, JSON for scripts, Markdown for reports. */
final class EvalReports {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private EvalReports() {}

    static void printRun(
            EvalRunRecord run, EvalRunner.Result result, RunComparison.Report regression, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Eval run %d: %s, %d queries, model %s, %.1f s%n%n",
                run.id(),
                run.setName(),
                run.queries(),
                run.modelId(),
                result.millis() / 1000.0);
        printMeans(run, out);
        if (regression != null) {
            out.println();
            out.println("Against eval run " + regression.baseline().id() + ":");
            printDeltas(regression, out);
        }
        out.flush();
    }

    /** The width of a metric column: 12, or the longest name (page_recall@100 is 15). */
    private static int metricWidth(List<String> metrics) {
        return Math.max(12, metrics.stream().mapToInt(String::length).max().orElse(0));
    }

    private static void printMeans(EvalRunRecord run, PrintWriter out) {
        String metricColumn = "%-" + metricWidth(run.metrics()) + "s";
        out.printf(Locale.ROOT, metricColumn, "metric");
        run.modes().forEach(m -> out.printf(Locale.ROOT, " %8s", m));
        out.println();
        for (String metric : run.metrics()) {
            out.printf(Locale.ROOT, metricColumn, metric);
            for (String mode : run.modes()) {
                out.printf(Locale.ROOT, " %8.4f", run.means().get(mode).get(metric));
            }
            out.println();
        }
    }

    private static void printDeltas(RunComparison.Report report, PrintWriter out) {
        String metricColumn = "%-"
                + metricWidth(report.deltas().stream()
                        .map(RunComparison.MetricDelta::metric)
                        .toList())
                + "s";
        out.printf(
                Locale.ROOT,
                "%-8s " + metricColumn + " %8s %8s %9s %21s %8s%n",
                "mode",
                "metric",
                "A",
                "B",
                "delta",
                "95% interval",
                "p");
        for (RunComparison.MetricDelta d : report.deltas()) {
            PairedComparison c = d.comparison();
            out.printf(
                    Locale.ROOT,
                    "%-8s " + metricColumn + " %8.4f %8.4f %+9.4f  [%+8.4f, %+8.4f] %8.4f%s%n",
                    d.mode(),
                    d.metric(),
                    c.meanBaseline(),
                    c.meanCandidate(),
                    c.meanDelta(),
                    c.ciLow(),
                    c.ciHigh(),
                    c.pValue(),
                    c.significant() ? " *" : "");
        }
        out.println("(* p < 0.05: paired sign-flip test over "
                + report.deltas().getFirst().comparison().queries() + " queries; interval from "
                + PairedComparison.DEFAULT_RESAMPLES + " bootstrap resamples)");
    }

    static void printCompare(RunComparison.Report report, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "A = eval run %d (%s), B = eval run %d (%s), set %s%n%n",
                report.baseline().id(),
                TIME.format(Instant.ofEpochMilli(report.baseline().startedMillis())),
                report.candidate().id(),
                TIME.format(Instant.ofEpochMilli(report.candidate().startedMillis())),
                report.baseline().setName());
        printDeltas(report, out);
        printMoves("Improved most", report.improved(), report.metric(), out);
        printMoves("Regressed most", report.regressed(), report.metric(), out);
        out.flush();
    }

    private static void printMoves(String title, List<RunComparison.QueryMove> moves, String metric, PrintWriter out) {
        out.println();
        out.println(title + " (" + metric + "; ranks of relevant documents, 0 = not retrieved):");
        if (moves.isEmpty()) {
            out.println("  none");
        }
        for (RunComparison.QueryMove m : moves) {
            out.printf(
                    Locale.ROOT,
                    "  %-7s %-16s %.4f -> %.4f  before %s  after %s%n",
                    m.mode(),
                    m.queryId(),
                    m.before(),
                    m.after(),
                    m.ranksBefore(),
                    m.ranksAfter());
        }
    }

    static void printList(List<EvalRunRecord> runs, PrintWriter out) {
        if (runs.isEmpty()) {
            out.println("no eval runs yet; run one with: sluice eval run --set <folder or .jsonl>");
            out.flush();
            return;
        }
        out.printf(
                Locale.ROOT,
                "%-5s %-21s %-28s %7s %-20s %s%n",
                "run",
                "started",
                "set",
                "queries",
                "modes",
                "first metric");
        for (EvalRunRecord r : runs) {
            String first = r.metrics().getFirst();
            List<String> values = new ArrayList<>();
            for (String mode : r.modes()) {
                Double v = r.means().getOrDefault(mode, Map.of()).get(first);
                values.add(String.format(Locale.ROOT, "%s %.4f", mode, v == null ? Double.NaN : v));
            }
            out.printf(
                    Locale.ROOT,
                    "%-5d %-21s %-28s %7d %-20s %s: %s%n",
                    r.id(),
                    TIME.format(Instant.ofEpochMilli(r.startedMillis())),
                    r.setName(),
                    r.queries(),
                    String.join(",", r.modes()),
                    first,
                    String.join(", ", values));
        }
        out.flush();
    }

    static Map<String, Object> runSummary(EvalRunRecord r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", r.id());
        json.put("set", r.setName());
        json.put("setFingerprint", r.setFingerprint());
        json.put("started", Instant.ofEpochMilli(r.startedMillis()).toString());
        json.put("finished", Instant.ofEpochMilli(r.finishedMillis()).toString());
        json.put("queries", r.queries());
        json.put("model", r.modelId());
        json.put("modes", r.modes());
        json.put("metrics", r.metrics());
        Map<String, Object> means = new LinkedHashMap<>();
        for (String mode : r.modes()) {
            Map<String, Object> byMetric = new LinkedHashMap<>();
            r.metrics().forEach(m -> byMetric.put(m, r.means().get(mode).get(m)));
            means.put(mode, byMetric);
        }
        json.put("means", means);
        json.put("settings", r.settings());
        return json;
    }

    static Map<String, Object> runJson(
            EvalRunRecord run, EvalRunner.Result result, RunComparison.Report regression, List<String> failures) {
        Map<String, Object> json = runSummary(run);
        json.put("millis", result.millis());
        json.put("perQuery", result.queryResults());
        if (regression != null) {
            json.put("against", compareJson(regression));
        }
        json.put("gateFailures", failures);
        return json;
    }

    static Map<String, Object> compareJson(RunComparison.Report report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", report.baseline().id());
        json.put("candidate", report.candidate().id());
        List<Map<String, Object>> deltas = new ArrayList<>();
        for (RunComparison.MetricDelta d : report.deltas()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mode", d.mode());
            row.put("metric", d.metric());
            row.put("comparison", d.comparison());
            deltas.add(row);
        }
        json.put("deltas", deltas);
        json.put("metric", report.metric());
        json.put("improved", report.improved());
        json.put("regressed", report.regressed());
        return json;
    }

    /** A Markdown report of one run, for CI artifacts and pull requests. */
    static String markdown(EvalRunRecord run, RunComparison.Report regression, List<String> failures) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf(Locale.ROOT, "# Eval run %d: %s%n%n", run.id(), run.setName());
        out.printf(
                Locale.ROOT,
                "%d queries, model %s, started %s. Metrics computed as trec_eval does (`-c`).%n%n",
                run.queries(),
                run.modelId(),
                TIME.format(Instant.ofEpochMilli(run.startedMillis())));
        out.print("| metric |");
        run.modes().forEach(m -> out.print(" " + m + " |"));
        out.println();
        out.print("|---|");
        run.modes().forEach(m -> out.print("---:|"));
        out.println();
        for (String metric : run.metrics()) {
            out.print("| " + metric + " |");
            for (String mode : run.modes()) {
                out.printf(Locale.ROOT, " %.4f |", run.means().get(mode).get(metric));
            }
            out.println();
        }
        if (regression != null) {
            out.printf(
                    Locale.ROOT,
                    "%n## Against eval run %d%n%n",
                    regression.baseline().id());
            out.println("| mode | metric | A | B | delta | 95% interval | p |");
            out.println("|---|---|---:|---:|---:|---|---:|");
            for (RunComparison.MetricDelta d : regression.deltas()) {
                PairedComparison c = d.comparison();
                out.printf(
                        Locale.ROOT,
                        "| %s | %s | %.4f | %.4f | %+.4f | [%+.4f, %+.4f] | %.4f |%n",
                        d.mode(),
                        d.metric(),
                        c.meanBaseline(),
                        c.meanCandidate(),
                        c.meanDelta(),
                        c.ciLow(),
                        c.ciHigh(),
                        c.pValue());
            }
        }
        out.printf(Locale.ROOT, "%n## Gates%n%n");
        if (failures.isEmpty()) {
            out.println("No gate failed.");
        } else {
            failures.forEach(f -> out.println("- FAIL: " + f));
        }
        out.flush();
        return text.toString();
    }

    static void printTune(dev.sluice.eval.EvalTuner.Result r, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Chose among %d settings on %d train queries; measured on %d held-back queries (seed %d), %.1f s.%n",
                r.candidates(),
                r.trainQueries(),
                r.heldOutQueries(),
                r.seed(),
                r.millis() / 1000.0);
        out.println("Every figure below is from the held-back queries; none from the queries the choice was made on.");
        out.println();
        out.printf(
                Locale.ROOT,
                "%-8s %-10s %8s %8s %9s %21s %8s%n",
                "mode",
                "metric",
                "default",
                "tuned",
                "delta",
                "95% interval",
                "p");
        tuneRow("bm25", r.metric().name(), r.bm25(), out);
        tuneRow("hybrid", r.metric().name(), r.hybrid(), out);
        out.println();
        out.println("Recommended (" + r.tuned() + "); add to sluice.yaml:");
        out.println();
        out.print(r.tuned().toYaml());
        out.flush();
    }

    private static void tuneRow(String mode, String metric, PairedComparison c, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%-8s %-10s %8.4f %8.4f %+9.4f  [%+8.4f, %+8.4f] %8.4f%n",
                mode,
                metric,
                c.meanBaseline(),
                c.meanCandidate(),
                c.meanDelta(),
                c.ciLow(),
                c.ciHigh(),
                c.pValue());
    }

    static void printChunkTune(
            int tried,
            int currentMax,
            int currentOverlap,
            int bestMax,
            int bestOverlap,
            PairedComparison heldOut,
            String metric,
            PrintWriter out) {
        out.printf(
                Locale.ROOT, "Chunking: chose among %d settings on the train queries; held-back figures:%n%n", tried);
        out.printf(
                Locale.ROOT,
                "%-28s %-10s %8s %8s %9s %21s %8s%n",
                "hybrid, default retrieval",
                "metric",
                "current",
                "chosen",
                "delta",
                "95% interval",
                "p");
        out.printf(
                Locale.ROOT,
                "%-28s %-10s %8.4f %8.4f %+9.4f  [%+8.4f, %+8.4f] %8.4f%n",
                currentMax + "/" + currentOverlap + " -> " + bestMax + "/" + bestOverlap + " tokens",
                metric,
                heldOut.meanBaseline(),
                heldOut.meanCandidate(),
                heldOut.meanDelta(),
                heldOut.ciLow(),
                heldOut.ciHigh(),
                heldOut.pValue());
        out.println();
        out.printf(Locale.ROOT, "chunking:%n  maxTokens: %d%n  overlapTokens: %d%n", bestMax, bestOverlap);
        if (bestMax != currentMax || bestOverlap != currentOverlap) {
            out.println("(changing chunking re-chunks every document on the next sync; the retrieval settings"
                    + " below were tuned on an index built with it)");
        }
        out.println();
        out.flush();
    }
}
