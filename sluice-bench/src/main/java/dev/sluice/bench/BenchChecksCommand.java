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
        name = "checks",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput of the quality checks (language, garbled text, PII, injection) on the extracted text of"
                    + " real documents, each alone and all four together, beside the extraction of the same files.",
            "Data: the SEC filings under ../shared/data/documents/filings by default; skipped when absent."
        })
final class BenchChecksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--folder",
            paramLabel = "DIR",
            description = "Folder of PDFs (default ../shared/data/documents/filings).")
    Path folder;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "5",
            description = "Timed rounds after the warm-up; the median is printed (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws IOException {
        if (rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + rounds);
        }
        Path dir = folder != null ? folder : Path.of("..", "shared", "data", "documents", "filings");
        if (!Files.isDirectory(dir)) {
            spec.commandLine()
                    .getErr()
                    .println("no folder " + dir + ": skipping bench checks (it needs ../shared/data/documents/filings,"
                            + " or pass --folder)");
            return SluiceCli.EXIT_OK;
        }
        ChecksBenchmark.run(new ChecksBenchmark.Options(dir, rounds), jsonOutput.out(spec), jsonOutput.report());
        jsonOutput.finish(spec, "checks");
        return SluiceCli.EXIT_OK;
    }
}
