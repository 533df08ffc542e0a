package dev.sluice.cli;

import dev.sluice.bench.BeirCorpus;
import dev.sluice.bench.IngestBenchmark;
import dev.sluice.bench.QueryBenchmark;
import dev.sluice.embed.EmbeddingModelSpec;
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
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure throughput and latency; each figure is printed beside its baseline from the same run.",
        subcommands = {
            BenchCommand.Ingest.class,
            BenchCommand.Query.class,
            BenchCommand.Sync.class,
            BenchCommand.Gateway.class
        })
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a benchmark: ingest or query");
    }

    @Command(
            name = "ingest",
            mixinStandardHelpOptions = true,
            description = {
                "Whole-pipeline chunks/s beside the raw embedding model and LangChain4j's in-process model on the same chunks.",
                "Corpus: the BEIR SciFact collection under ../shared/data when present, else generated text."
            })
    static final class Ingest implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CorpusOptions corpus;

        @Option(
                names = "--sample",
                paramLabel = "N",
                defaultValue = "600",
                description = "Chunks for the baselines (default ${DEFAULT-VALUE}).")
        int sample;

        @Option(
                names = "--model",
                paramLabel = "ID",
                defaultValue = "bge-small-en-v1.5-q",
                description = "Embedding model.")
        String model;

        @Option(names = "--threads", paramLabel = "N", description = "Embedding threads (default: one per core).")
        Integer threads;

        @Option(
                names = "--keep-index",
                paramLabel = "DIR",
                description = "Leave the built index here (bench query can reuse it).")
        Path keepIndex;

        @Override
        public Integer call() throws IOException {
            IngestBenchmark.run(
                    new IngestBenchmark.Options(
                            corpus.corpusFile(),
                            corpus.generatedDocuments(2000),
                            corpus.limit,
                            sample,
                            EmbeddingModelSpec.byId(model),
                            threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                            keepIndex),
                    spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "query",
            mixinStandardHelpOptions = true,
            description = {
                "Latency per mode (p50/p99, queries/s) and HNSW recall@10 against exact search.",
                "Real embeddings: SciFact embedded by Sluice (when ../shared/data is present); scale: clustered synthetic vectors."
            })
    static final class Query implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--beir",
                paramLabel = "DIR",
                description = "BEIR folder (default ../shared/data/scifact-train).")
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
                    spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description = {
                "First sync, second sync with nothing changed, sync after 1%% changed (each beside the first),",
                "and the watch-mode lag from a file written to it being searchable."
            })
    static final class Sync implements Callable<Integer> {
        @Spec
        CommandSpec spec;

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
                            corpus.corpusFile(),
                            corpus.generatedDocuments(5000),
                            corpus.limit,
                            Math.max(1, lagSamples)),
                    spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "gateway",
            mixinStandardHelpOptions = true,
            description = {
                "The LLM gateway against a scripted OpenAI-protocol server on 127.0.0.1: its own overhead per call",
                "beside a bare HTTP call, then concurrent asks with failing replies under a daily budget."
            })
    static final class Gateway implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--calls",
                paramLabel = "N",
                defaultValue = "1000",
                description = "Overhead calls (default ${DEFAULT-VALUE}).")
        int calls;

        @Option(
                names = "--asks",
                paramLabel = "N",
                defaultValue = "2000",
                description = "Chaos asks (default ${DEFAULT-VALUE}).")
        int asks;

        @Option(
                names = "--concurrency",
                paramLabel = "N",
                defaultValue = "32",
                description = "Concurrent askers (default ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(
                names = "--failure-rate",
                paramLabel = "SHARE",
                defaultValue = "0.3",
                description = "Share of failing server replies (default ${DEFAULT-VALUE}).")
        double failureRate;

        @Option(
                names = "--budget-usd",
                paramLabel = "USD",
                defaultValue = "0.10",
                description = "Daily budget of the chaos phase (default ${DEFAULT-VALUE}).")
        String budgetUsd;

        @Option(
                names = "--seed",
                paramLabel = "N",
                defaultValue = "42",
                description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (calls < 1 || asks < 1 || concurrency < 1 || !(failureRate >= 0 && failureRate < 1)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--calls, --asks and --concurrency must be >= 1, --failure-rate in [0, 1)");
            }
            dev.sluice.bench.GatewayBenchmark.run(
                    new dev.sluice.bench.GatewayBenchmark.Options(
                            calls, asks, concurrency, failureRate, budgetUsd, seed),
                    spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }
}
