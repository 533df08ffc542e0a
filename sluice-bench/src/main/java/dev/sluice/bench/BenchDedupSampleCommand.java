package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import dev.sluice.testkit.SharedData;
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
        name = "dedup-sample",
        mixinStandardHelpOptions = true,
        description = {
            "Write the labelled sample of real passages (SciFact abstracts, SEC filing pages with the same"
                    + " company's page of another year, web pages in two extractions) that sluice-core's"
                    + " near-duplicate precision and recall test reads.",
            "Data: ../shared/data (SciFact train, documents/filings, documents/html)."
        })
final class BenchDedupSampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "Where to write the gzipped JSON lines, e.g."
                    + " sluice-core/src/test/resources/quality/near-duplicates.jsonl.gz.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "The shared data folder (default: ../shared/data).")
    Path data;

    @Option(
            names = "--abstracts",
            paramLabel = "N",
            defaultValue = "60",
            description = "SciFact abstracts to draw (default ${DEFAULT-VALUE}).")
    int abstracts;

    @Option(
            names = "--pairs-per-company",
            paramLabel = "N",
            defaultValue = "8",
            description = "Filing page pairs to draw per company (default ${DEFAULT-VALUE}).")
    int pairsPerCompany;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "16", description = "Draws (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (abstracts < 2 || pairsPerCompany < 2) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--abstracts and --pairs-per-company must be at least 2 (one for each split), got " + abstracts
                            + " and " + pairsPerCompany);
        }
        Path folder = data != null ? data : SharedData.root().orElse(Path.of("..", "shared", "data"));
        if (!Files.isDirectory(folder.resolve("documents").resolve("filings"))) {
            spec.commandLine()
                    .getErr()
                    .println("error: no shared data at " + folder
                            + " (it needs scifact-train/ and documents/); pass --data DIR");
            return SluiceCli.EXIT_FAILED;
        }
        DedupSample.write(
                new DedupSample.Options(folder, abstracts, pairsPerCompany, seed, out),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "dedup-sample");
        return SluiceCli.EXIT_OK;
    }
}
