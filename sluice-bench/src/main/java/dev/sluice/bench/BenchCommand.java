package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
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
            BenchCommand.Gateway.class,
            BenchCommand.Serve.class,
            BenchCommand.Tracing.class,
            BenchCommand.Observe.class,
            BenchCommand.Diagnose.class,
            dev.sluice.bench.regression.RegressionsCommand.class
        })
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "choose a benchmark: ingest, query, sync, gateway, serve, tracing, observe, diagnose or regressions");
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
                            dev.sluice.config.EffectiveConfig.threads(threads, "--threads"),
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

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Load on /v1/search of the service started in this process on 127.0.0.1: an in-process baseline",
                "(Searcher.search, no HTTP), a closed loop (max queries/s), an open loop at a fixed rate (no coordinated",
                "omission), the same with a sync ingesting into the index, and an optional soak sampling the heap.",
                "The knowledge base is reused when --index holds enough chunks, else built (100,000 chunks: ~40 min on 2 cores)."
            })
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

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
                description =
                        "Closed-loop workers; the open loop's most requests in flight (default ${DEFAULT-VALUE}).")
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
                description =
                        "Queries from BEIR queries.jsonl or one a line (default: sampled from the index's chunks).")
        Path queryFile;

        @Option(
                names = "--sync-files",
                paramLabel = "N",
                defaultValue = "20",
                description = "Files the sync rewrites each round (default ${DEFAULT-VALUE}).")
        int syncFiles;

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
                        syncFiles);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            dev.sluice.bench.ServeBenchmark.run(options, spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "tracing",
            mixinStandardHelpOptions = true,
            description = {
                "Search latency with tracing (KnowledgeBase.search) beside the same searches untraced, in alternating rounds.",
                "Queries: the BEIR folder's queries.jsonl (SciFact train under ../shared/data by default)."
            })
    static final class Tracing implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--index", required = true, paramLabel = "DIR", description = "An existing knowledge base.")
        Path index;

        @Option(
                names = "--beir",
                paramLabel = "DIR",
                description = "BEIR folder whose queries.jsonl to search (default ../shared/data/scifact-train).")
        Path beir;

        @Option(
                names = "--queries",
                paramLabel = "N",
                defaultValue = "500",
                description = "Queries (default ${DEFAULT-VALUE}).")
        int queries;

        @Option(
                names = "--mode",
                paramLabel = "MODE",
                defaultValue = "bm25",
                description = "bm25, dense or hybrid (default ${DEFAULT-VALUE}).")
        String mode;

        @Option(
                names = "-k",
                paramLabel = "N",
                defaultValue = "10",
                description = "Results per search (default ${DEFAULT-VALUE}).")
        int k;

        @Option(
                names = "--rounds",
                paramLabel = "N",
                defaultValue = "4",
                description = "Rounds, the first a warm-up (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            dev.sluice.retrieve.SearchMode searchMode = dev.sluice.retrieve.SearchMode.fromLabel(mode);
            if (searchMode == null || queries < 1 || rounds < 2 || k < 1) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--mode must be bm25, dense or hybrid; --queries, -k at least 1; --rounds at least 2");
            }
            Path folder = beir != null ? beir : BeirCorpus.defaultScifact();
            java.util.List<String> texts = BeirCorpus.readQueries(folder.resolve("queries.jsonl"), queries).stream()
                    .map(BeirCorpus.Query::text)
                    .toList();
            TracingBenchmark.run(
                    new TracingBenchmark.Options(index, texts, searchMode, k, rounds),
                    spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "observe",
            mixinStandardHelpOptions = true,
            description = {
                "Observing at scale, over HTTP: search latency of a traced service beside an untraced one"
                        + " (OTEL_SDK_DISABLED) on the same index, then the dashboard's pages after filling the"
                        + " trace store, eval runs and incidents.",
                "Queries: 2-6 words from random chunks of the index (seed 42)."
            })
    static final class Observe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--index", required = true, paramLabel = "DIR", description = "An existing knowledge base.")
        Path index;

        @Option(
                names = "--queries",
                paramLabel = "N",
                defaultValue = "1000",
                description = "Queries (default ${DEFAULT-VALUE}).")
        int queries;

        @Option(
                names = "--mode",
                paramLabel = "MODE",
                defaultValue = "bm25",
                description = "bm25, dense or hybrid for the overhead part (default ${DEFAULT-VALUE}).")
        String mode;

        @Option(
                names = "-k",
                paramLabel = "N",
                defaultValue = "10",
                description = "Results per search (default ${DEFAULT-VALUE}).")
        int k;

        @Option(
                names = "--rounds",
                paramLabel = "N",
                defaultValue = "4",
                description = "Overhead rounds, the first a warm-up (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(
                names = "--traces",
                paramLabel = "N",
                defaultValue = "10000",
                description = "Fill the trace store to this many traces (default ${DEFAULT-VALUE}).")
        int traces;

        @Option(
                names = "--eval-queries",
                paramLabel = "N",
                defaultValue = "250",
                description = "Queries of each of the two eval runs, in two modes (default ${DEFAULT-VALUE}).")
        int evalQueries;

        @Option(
                names = "--page-repeats",
                paramLabel = "N",
                defaultValue = "20",
                description = "Fetches of each dashboard page (default ${DEFAULT-VALUE}).")
        int pageRepeats;

        @Override
        public Integer call() throws Exception {
            dev.sluice.retrieve.SearchMode searchMode = dev.sluice.retrieve.SearchMode.fromLabel(mode);
            if (searchMode == null
                    || queries < 1
                    || rounds < 2
                    || k < 1
                    || traces < 0
                    || evalQueries < 1
                    || pageRepeats < 1) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--mode must be bm25, dense or hybrid; --queries, -k, --eval-queries, --page-repeats at least"
                                + " 1; --rounds at least 2; --traces at least 0");
            }
            ObserveBenchmark.run(
                    new ObserveBenchmark.Options(
                            index, queries, searchMode, k, rounds, traces, evalQueries, pageRepeats),
                    spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "diagnose",
            mixinStandardHelpOptions = true,
            description = {
                "Seeded faults, one per scenario and layer, each in a fresh small knowledge base of SciFact train"
                        + " abstracts; prints the confusion matrix (expected layer x layer sluice diagnose names) and"
                        + " the accuracy per layer.",
                "Data: the BEIR folder (SciFact train under ../shared/data by default); skipped when it is absent."
            })
    static final class Diagnose implements Callable<Integer> {
        @Spec
        CommandSpec spec;

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

        @Option(
                names = "--beir",
                paramLabel = "DIR",
                description = "BEIR folder (default ../shared/data/scifact-train).")
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
                    spec.commandLine().getOut());
            return SluiceCli.EXIT_OK;
        }
    }
}
