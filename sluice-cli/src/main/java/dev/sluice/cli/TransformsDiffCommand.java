package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.transform.TransformDiff;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "How a transform's outputs changed between two prompt versions, on a sample of the inputs both"
                + " have outputs for: same, changed, only in one, with examples.")
final class TransformsDiffCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "NAME", description = "The transform's name.")
    String name;

    @Option(names = "--from", required = true, paramLabel = "V1", description = "The old prompt version.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "V2", description = "The new prompt version.")
    String to;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "200",
            description = "Inputs compared at most (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        TransformDiff.Result diff;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            diff = kb.transforms().diff(name, from, to, sample);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(diff));
        } else {
            out.printf(
                    Locale.ROOT,
                    "%s: %s -> %s on %d inputs: %d same, %d changed; %d only in %s, %d only in %s%n",
                    diff.transform(),
                    diff.from(),
                    diff.to(),
                    diff.sampled(),
                    diff.same(),
                    diff.changed(),
                    diff.onlyFrom(),
                    diff.from(),
                    diff.onlyTo(),
                    diff.to());
            for (TransformDiff.Example e : diff.examples()) {
                out.printf(Locale.ROOT, "%n%s  %s%n", e.kind(), e.item());
                if (e.fromOutput() != null) {
                    out.printf(Locale.ROOT, "  %s: %s%n", diff.from(), e.fromOutput());
                }
                if (e.toOutput() != null) {
                    out.printf(Locale.ROOT, "  %s: %s%n", diff.to(), e.toOutput());
                }
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
