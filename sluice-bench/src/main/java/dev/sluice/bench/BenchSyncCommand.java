package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "First sync, second sync with nothing changed, sync after 1%% changed (each beside the first), "
                    + "and the watch-mode lag from a file written to it being searchable."
        })
final class BenchSyncCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Mixin
    CorpusOptions corpus;

    @Option(
            names = "--lag-samples",
            paramLabel = "N",
            defaultValue = "20",
            description = "Files written one by one in watch mode (default ${DEFAULT-VALUE}).")
    int lagSamples;

    @Override
    public Integer call() throws IOException, InterruptedException {
        dev.sluice.bench.SyncBenchmark.run(
                new dev.sluice.bench.SyncBenchmark.Options(
                        corpus.corpusFile(), corpus.generatedDocuments(5000), corpus.limit, Math.max(1, lagSamples)),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "sync");
        return SluiceCli.EXIT_OK;
    }
}
