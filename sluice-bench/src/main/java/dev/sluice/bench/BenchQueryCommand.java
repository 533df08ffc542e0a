package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Latency per mode (p50/p99, queries/s) and HNSW recall@10 against exact search.",
            "Real embeddings: SciFact embedded by Sluice (when ../shared/data is present); scale: clustered synthetic vectors."
        })
final class BenchQueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(names = "--beir", paramLabel = "DIR", description = "BEIR folder (default ../shared/data/scifact-train).")
    Path beir;

    @Option(
            names = "--index",
            paramLabel = "DIR",
            defaultValue = ".sluice/bench-scifact",
            description = "SciFact index, built on first use (default ${DEFAULT-VALUE}).")
    Path index;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "809",
            description = "Real queries to run (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--chunks",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Chunks in the synthetic index, 0 to skip (default ${DEFAULT-VALUE}).")
    int chunks;

    @Option(
            names = "--synthetic-queries",
            paramLabel = "N",
            defaultValue = "500",
            description = "Queries against the synthetic index (default ${DEFAULT-VALUE}).")
    int syntheticQueries;

    @Override
    public Integer call() throws IOException {
        Path folder = beir != null ? beir : BeirCorpus.defaultScifact();
        boolean real = Files.isRegularFile(folder.resolve("queries.jsonl"));
        if (!real) {
            spec.commandLine()
                    .getErr()
                    .println("no BEIR collection at " + folder + ": skipping the real-embedding recall part");
        }
        QueryBenchmark.run(
                new QueryBenchmark.Options(real ? index : null, folder, queries, chunks, syntheticQueries),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "query");
        return SluiceCli.EXIT_OK;
    }
}
