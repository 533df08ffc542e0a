package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.observe.TraceSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "The most recent traces, newest first.")
final class TracesListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "-n", paramLabel = "N", defaultValue = "20", description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be > 0, got " + limit);
        }
        List<TraceSummary> traces;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            traces = kb.traces().recentTraces(limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(traces));
        } else {
            out.printf(
                    Locale.ROOT,
                    "%-32s  %-20s  %-24s %10s %6s  %s%n",
                    "trace",
                    "name",
                    "started",
                    "ms",
                    "spans",
                    "status");
            for (TraceSummary t : traces) {
                out.printf(
                        Locale.ROOT,
                        "%-32s  %-20s  %-24s %10.1f %6d  %s%n",
                        t.traceId(),
                        t.name(),
                        Instant.ofEpochMilli(t.startEpochMillis()),
                        t.durationMillis(),
                        t.spans(),
                        t.status());
            }
            if (traces.isEmpty()) {
                out.println("no traces yet: searches, answers and ingest runs record them");
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
