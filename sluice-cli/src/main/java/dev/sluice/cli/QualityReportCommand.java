package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.quality.SourceQuality;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Each source's checks and contract results over the last runs, newest first.")
final class QualityReportCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source.")
    String source;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "10",
            description = "How many runs back (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be > 0, got " + runs);
        }
        List<SourceQuality> rows;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            rows = kb.qualityStore().sourceQuality(source, runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(
                    Json.write(rows.stream().map(dev.sluice.QualityJson::source).toList()));
        } else if (rows.isEmpty()) {
            out.println(
                    source == null
                            ? "no checked runs yet: sluice sync records each source's checks"
                            : "no checked run of source '" + source + "' (sluice status lists the sources)");
        } else {
            QualityViews.table(out, rows);
            if (rows.stream().anyMatch(SourceQuality::violated)) {
                out.println();
                out.println("Contract results that failed:");
                QualityViews.violations(out, rows);
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
