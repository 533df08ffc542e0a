package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.eval.RunComparison;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare two stored eval runs: per-metric deltas with 95% bootstrap intervals and"
                + " sign-flip p-values, and the queries that moved most.")
final class EvalCompareCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "A", description = "Baseline eval run id.")
    long a;

    @Parameters(index = "1", paramLabel = "B", description = "Candidate eval run id.")
    long b;

    @Option(
            names = "--metric",
            paramLabel = "METRIC",
            description = "Rank moved queries by this metric (default: the runs' first).")
    String metric;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "5",
            description = "Queries listed per direction and mode (default ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the bootstrap and randomization test (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RunComparison.Report report;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            report = kb.eval().compare(a, b, metric, top, seed);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(EvalReports.compareJson(report)));
        } else {
            EvalReports.printCompare(report, out);
        }
        return SluiceCli.EXIT_OK;
    }
}
