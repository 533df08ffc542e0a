package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.RunRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "List ingestion runs, newest first, with their counts and durations.")
final class RunsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "Runs to show (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print runs as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<RunRecord> runs;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            runs = kb.runs(Math.max(1, limit));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RunRecord r : runs) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("run", r.id());
                row.put("trigger", r.trigger());
                row.put("started", Instant.ofEpochMilli(r.startedMillis()).toString());
                row.put(
                        "finished",
                        r.finishedMillis() == 0
                                ? null
                                : Instant.ofEpochMilli(r.finishedMillis()).toString());
                row.put("status", r.status());
                row.put("counts", r.counts());
                row.put("error", r.error());
                rows.add(row);
            }
            out.println(Json.write(rows));
            return SluiceCli.EXIT_OK;
        }
        out.printf(
                Locale.ROOT,
                "%-5s %-21s %-8s %-9s %6s %8s %9s %11s %7s %7s %9s %7s%n",
                "run",
                "started",
                "took",
                "status",
                "seen",
                "ingested",
                "unchanged",
                "quarantined",
                "deleted",
                "chunks",
                "embedded",
                "cached");
        for (RunRecord r : runs) {
            var c = r.counts();
            // An interrupted run's end is when a later run found it, not how long it took.
            String took = r.finishedMillis() == 0 || RunRecord.INTERRUPTED.equals(r.status())
                    ? "-"
                    : Durations.format(r.finishedMillis() - r.startedMillis());
            String status = r.finishedMillis() == 0 && RunRecord.RUNNING.equals(r.status()) ? "unfinished" : r.status();
            out.printf(
                    Locale.ROOT,
                    "%-5d %-21s %-8s %-9s %6d %8d %9d %11d %7d %7d %9d %7d%n",
                    r.id(),
                    TIME.format(Instant.ofEpochMilli(r.startedMillis())),
                    took,
                    status,
                    c.seen(),
                    c.ingested(),
                    c.unchanged(),
                    c.quarantined(),
                    c.deleted(),
                    c.chunks(),
                    c.embeddingsComputed(),
                    c.embeddingsReused());
            if (r.error() != null) {
                out.println("      error: " + r.error());
            }
        }
        if (runs.isEmpty()) {
            out.println("no runs yet");
        }
        return SluiceCli.EXIT_OK;
    }
}
