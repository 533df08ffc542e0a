package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {
            "Seeded faults, one per scenario and layer, each in a fresh small knowledge base of SciFact train"
                    + " abstracts; prints the confusion matrix (expected layer x layer sluice diagnose names) and"
                    + " the accuracy per layer.",
            "Data: the BEIR folder (SciFact train under ../shared/data by default); skipped when it is absent."
        })
final class BenchDiagnoseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--scenarios-per-layer",
            paramLabel = "N",
            defaultValue = "30",
            description = "Scenarios per layer (default ${DEFAULT-VALUE}; 2 for a quick check).")
    int scenariosPerLayer;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Draws the claims, the other abstracts and the distractors (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--others",
            paramLabel = "N",
            defaultValue = "40",
            description = "Abstracts besides the expected one in each knowledge base (default ${DEFAULT-VALUE}).")
    int others;

    @Option(names = "--beir", paramLabel = "DIR", description = "BEIR folder (default ../shared/data/scifact-train).")
    Path beir;

    @Override
    public Integer call() throws IOException {
        if (scenariosPerLayer < 1 || others < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--scenarios-per-layer and --others must be at least 1, got " + scenariosPerLayer + " and "
                            + others);
        }
        Path folder = beir != null ? beir : BeirCorpus.defaultScifact();
        if (!Files.isRegularFile(folder.resolve("queries.jsonl"))) {
            spec.commandLine()
                    .getErr()
                    .println("no BEIR collection at " + folder
                            + ": skipping bench diagnose (it needs ../shared/data/scifact-train, or pass --beir)");
            return SluiceCli.EXIT_OK;
        }
        DiagnoseBenchmark.run(
                new DiagnoseBenchmark.Options(folder, scenariosPerLayer, seed, others),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "diagnose");
        return SluiceCli.EXIT_OK;
    }
}
