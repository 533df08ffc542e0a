package dev.sluice.cli;

import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.Quarantined;
import dev.sluice.ingest.Stage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The end-of-run summary, as a table for people or as JSON for scripts. */
final class IngestSummary {
    private IngestSummary() {}

    static void printTable(IngestReport r, PrintWriter out) {
        out.println();
        out.println("Ingestion summary: run " + r.runId() + " (" + r.index() + ", model " + r.model() + ")");
        row(out, "items seen", Integer.toString(r.seen()));
        if (r.skippedHidden() + r.skippedByGlobs() > 0) {
            row(out, "  (left out: hidden)", Integer.toString(r.skippedHidden()));
            row(out, "  (left out: globs)", Integer.toString(r.skippedByGlobs()));
        }
        row(out, "ingested", Integer.toString(r.ingested()));
        row(out, "unchanged (skipped)", Integer.toString(r.unchanged()));
        row(out, "quarantined", Integer.toString(r.quarantined().size()));
        r.quarantinedByReason().forEach((reason, n) -> row(out, "  " + reason, Integer.toString(n)));
        row(out, "deleted (file gone)", Integer.toString(r.deleted()));
        row(out, "chunks written", Integer.toString(r.chunks()));
        row(out, "embeddings computed", Integer.toString(r.embeddingsComputed()));
        row(out, "embeddings from cache", Integer.toString(r.embeddingsReused()));
        row(out, "wall time", Durations.format(r.wallMillis()));
        row(out, "throughput", String.format(Locale.ROOT, "%.1f chunks/s", r.chunksPerSecond()));
        out.println("  time per stage (summed over threads):");
        for (Stage stage : Stage.values()) {
            row(out, "  " + stage.label(), Durations.format(r.stageMillis().getOrDefault(stage, 0L)));
        }
        if (!r.quarantined().isEmpty()) {
            out.println();
            out.println("Quarantined:");
            for (Quarantined q : r.quarantined()) {
                out.printf(Locale.ROOT, "  %-24s %s: %s%n", q.reason().label(), q.path(), q.message());
            }
        }
        if (!r.failedSources().isEmpty()) {
            out.println();
            out.println("Sources that failed (their documents were left as they were):");
            r.failedSources().forEach((name, error) -> out.printf(Locale.ROOT, "  %-24s %s%n", name, error));
        }
        if (!r.quality().isEmpty()
                && r.quality().stream()
                        .anyMatch(q -> q.piiHits() + q.duplicates() + q.garbled() + q.injections() > 0
                                || !q.results().isEmpty())) {
            out.println();
            out.println("Checks per source (sluice quality report for earlier runs):");
            QualityViews.table(out, r.quality());
            QualityViews.violations(out, r.quality());
        }
        switch (r.generation()) {
            case SWITCHED -> {
                out.println();
                out.println("The index now uses model " + r.model() + ": this run built a new generation with it and"
                        + " switched searches over in one step; the old generation was deleted.");
            }
            case INCOMPLETE -> {
                out.println();
                out.println("The new generation for model " + r.model() + " is incomplete because a source failed;"
                        + " searches still use the old model. Fix the source and sync again.");
            }
            case SAME -> {
                // nothing to say
            }
        }
        if (!r.reconciles()) {
            out.println(
                    "WARNING: counts do not reconcile (seen != ingested + unchanged + quarantined); please report this");
        }
        out.flush();
    }

    private static void row(PrintWriter out, String label, String value) {
        out.printf(Locale.ROOT, "  %-26s %s%n", label, value);
    }

    static Map<String, Object> toJson(IngestReport r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", r.runId());
        json.put("index", r.index());
        json.put("generation", r.generation().name().toLowerCase(Locale.ROOT));
        json.put("model", r.model());
        json.put("seen", r.seen());
        json.put("skippedHidden", r.skippedHidden());
        json.put("skippedByGlobs", r.skippedByGlobs());
        json.put("ingested", r.ingested());
        json.put("unchanged", r.unchanged());
        json.put("deleted", r.deleted());
        json.put("quarantinedCount", r.quarantined().size());
        json.put("quarantinedByReason", r.quarantinedByReason());
        json.put("chunks", r.chunks());
        json.put("embeddingsComputed", r.embeddingsComputed());
        json.put("embeddingsReused", r.embeddingsReused());
        json.put("wallMillis", r.wallMillis());
        json.put("chunksPerSecond", Math.round(r.chunksPerSecond() * 10) / 10.0);
        Map<String, Long> stages = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            stages.put(stage.label(), r.stageMillis().getOrDefault(stage, 0L));
        }
        json.put("stageMillis", stages);
        json.put(
                "quarantined",
                r.quarantined().stream()
                        .map(q -> Map.of(
                                "path",
                                q.path(),
                                "uri",
                                q.uri(),
                                "reason",
                                q.reason().label(),
                                "message",
                                q.message()))
                        .toList());
        json.put("failedSources", r.failedSources());
        json.put(
                "quality",
                r.quality().stream().map(dev.sluice.QualityJson::source).toList());
        json.put("reconciles", r.reconciles());
        return json;
    }
}
