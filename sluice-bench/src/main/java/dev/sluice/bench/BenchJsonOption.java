package dev.sluice.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code --json} of every {@code bench} command. Without it the benchmark prints its text report as ever;
 * with it the text goes to {@link #out} (kept, and returned as the JSON's {@code report} lines) and the
 * command prints one JSON object ({@link BenchReport}): the figures the benchmark recorded beside their
 * baselines, the parameters as given, machine and JDK.
 */
final class BenchJsonOption {
    @Option(
            names = "--json",
            description = "Print the report as one JSON object: each figure beside its baseline, the parameters,"
                    + " machine and JDK.")
    boolean json;

    private final BenchReport report = new BenchReport();
    private StringWriter captured;

    /** Where the benchmark prints its text report: the terminal, or a buffer under {@code --json}. */
    PrintWriter out(CommandSpec spec) {
        if (!json) {
            return spec.commandLine().getOut();
        }
        captured = new StringWriter();
        return new PrintWriter(captured, true);
    }

    /** Where the benchmark records its figures (kept only under {@code --json}). */
    BenchReport report() {
        return report;
    }

    /** Under {@code --json}, prints the report of {@code benchmark} as one JSON object. */
    void finish(CommandSpec spec, String benchmark) {
        if (!json) {
            return;
        }
        List<String> lines = captured == null
                ? List.of()
                : captured.toString().lines().filter(l -> !l.isBlank()).toList();
        spec.commandLine().getOut().println(report.toJson(benchmark, parameters(spec), lines));
        spec.commandLine().getOut().flush();
    }

    /** Every option of the command as given or defaulted, by its long name without dashes. */
    private static Map<String, Object> parameters(CommandSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName().replaceFirst("^-+", "");
            if (o.usageHelp() || o.versionHelp() || name.equals("json")) {
                continue;
            }
            Object value = o.getValue();
            boolean plain =
                    value == null || value instanceof Number || value instanceof Boolean || value instanceof String;
            out.put(name, plain ? value : String.valueOf(value));
        }
        return out;
    }
}
