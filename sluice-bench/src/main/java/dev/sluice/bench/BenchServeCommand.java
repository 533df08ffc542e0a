package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Load on /v1/search of the service started in this process on 127.0.0.1: an in-process baseline "
                    + "(Searcher.search, no HTTP), a closed loop (max queries/s), an open loop at a fixed rate (no coordinated "
                    + "omission), the same with a sync ingesting into the index, and an optional soak sampling the heap.",
            "The knowledge base is reused when --index holds enough chunks, else built (100,000 chunks: ~40 min on 2 cores)."
        })
final class BenchServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--index",
            paramLabel = "DIR",
            defaultValue = ".sluice/bench-serve",
            description = "Knowledge base, built on first use and reused (default ${DEFAULT-VALUE}).")
    Path index;

    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description = "Build from this folder of files (default: generated text, written beside the index).")
    Path corpus;

    @Option(
            names = "--chunks",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Chunks the knowledge base must hold (default ${DEFAULT-VALUE}).")
    int chunks;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "hybrid",
            description = "bm25, dense or hybrid (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--k",
            paramLabel = "N",
            defaultValue = "10",
            description = "Results per search (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "30",
            description = "Length of each phase (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--max-requests",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Most requests in one phase (default ${DEFAULT-VALUE}).")
    long maxRequests;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "16",
            description = "Closed-loop workers; the open loop's most requests in flight (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "300",
            description = "Open-loop requests a second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--soak-minutes",
            paramLabel = "M",
            defaultValue = "0",
            description =
                    "Soak at --rate with the sync running, heap sampled each minute; 0: none (default ${DEFAULT-VALUE}).")
    int soakMinutes;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Distinct queries, sent in turn across all phases: one comes back only after all were"
                    + " sent once (default ${DEFAULT-VALUE}; fewer measure the service's query-vector cache).")
    int queries;

    @Option(
            names = "--query-file",
            paramLabel = "FILE",
            description = "Queries from BEIR queries.jsonl or one a line (default: sampled from the index's chunks).")
    Path queryFile;

    @Option(
            names = "--sync-files",
            paramLabel = "N",
            defaultValue = "20",
            description = "Files the sync rewrites each round (default ${DEFAULT-VALUE}).")
    int syncFiles;

    @Option(
            names = "--sync-threads",
            paramLabel = "N",
            description = "The sync's embedding threads (default: one per core).")
    Integer syncThreads;

    @Option(
            names = "--niceness",
            paramLabel = "N",
            description = "How far below the service's OS priority the sync's threads run, 0 to 19"
                    + " (default: ingestion's own, embedding.niceness).")
    Integer niceness;

    @Override
    public Integer call() throws IOException, InterruptedException {
        dev.sluice.retrieve.SearchMode searchMode = dev.sluice.retrieve.SearchMode.fromLabel(mode);
        if (searchMode == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--mode must be bm25, dense or hybrid, got '" + mode + "'");
        }
        if (soakMinutes < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--soak-minutes must be >= 0, got " + soakMinutes);
        }
        dev.sluice.bench.ServeBenchmark.Options options;
        try {
            options = new dev.sluice.bench.ServeBenchmark.Options(
                    index,
                    corpus,
                    chunks,
                    searchMode,
                    k,
                    java.time.Duration.ofSeconds(seconds),
                    maxRequests,
                    clients,
                    rate,
                    java.time.Duration.ofMinutes(soakMinutes),
                    java.time.Duration.ofMinutes(1),
                    queries,
                    queryFile,
                    syncFiles,
                    syncThreads != null ? syncThreads : dev.sluice.config.EffectiveConfig.defaultThreads(),
                    niceness != null ? niceness : dev.sluice.IngestOptions.DEFAULT_NICENESS);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        dev.sluice.bench.ServeBenchmark.run(options, jsonOutput.out(spec), jsonOutput.report());
        jsonOutput.finish(spec, "serve");
        return SluiceCli.EXIT_OK;
    }
}
