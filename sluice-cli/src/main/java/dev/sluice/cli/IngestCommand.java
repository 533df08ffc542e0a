package dev.sluice.cli;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.config.SluiceConfig;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.ingest.IngestReport;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ingest",
        aliases = {"sync"},
        mixinStandardHelpOptions = true,
        description = {
            "Extract, chunk, embed and index folders or files into a local knowledge base.",
            "Without PATH, ingests the sources of sluice.yaml. Flags override the file's settings.",
            "Files that cannot be read are quarantined with a reason; the run goes on.",
            "Exit code 0 when the run completes (quarantined files included), 1 when it fails, 2 on bad usage."
        })
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "PATH",
            description = "Folders or files to ingest (default: the sources of sluice.yaml).")
    List<Path> inputs = new ArrayList<>();

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--model",
            paramLabel = "ID",
            description = "Embedding model: bge-small-en-v1.5-q (default) or all-minilm-l6-v2-q.")
    String model;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            description =
                    "Largest chunk in the model's tokens (default 256, or the model's limit when lower: 126 for MiniLM; at most 510 for bge).")
    Integer maxTokens;

    @Option(
            names = "--overlap",
            paramLabel = "N",
            description = "Tokens shared by consecutive chunks of one section (default 32).")
    Integer overlap;

    @Option(
            names = "--include",
            paramLabel = "GLOB",
            description = "With PATH: only files whose relative path matches (repeatable), e.g. '**/*.pdf'.")
    List<String> includes = new ArrayList<>();

    @Option(
            names = "--exclude",
            paramLabel = "GLOB",
            description = "With PATH: skip files whose relative path matches (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(
            names = "--retry-quarantined",
            description = "Try quarantined files again even if they did not change (after raising a limit).")
    boolean retryQuarantined;

    @Option(
            names = "--verify-content",
            description = "Hash every local file's content to detect changes that keep size and modification time"
                    + " (reads every file once per run).")
    boolean verifyContent;

    @Option(
            names = "--gitignore",
            description = "With PATH: also leave out what .gitignore files in the folders ignore.")
    boolean gitignore;

    @Option(
            names = "--max-file-mb",
            paramLabel = "MB",
            description = "Quarantine files larger than this (default 32 MB).")
    Integer maxFileMb;

    @Option(
            names = "--parse-timeout",
            paramLabel = "SECONDS",
            description = "Quarantine files whose parsing takes longer (default 60 s).")
    Integer parseTimeoutSeconds;

    @Option(names = "--threads", paramLabel = "N", description = "Embedding threads (default: one per core).")
    Integer threads;

    @Option(names = "--json", description = "Print the summary as JSON on standard output.")
    boolean json;

    @Option(names = "--no-progress", description = "Do not show progress.")
    boolean noProgress;

    @Option(
            names = "--watch",
            description = "After the first run, keep running whenever a file under a source changes (Ctrl-C stops).")
    boolean watch;

    @Option(
            names = "--poll-seconds",
            paramLabel = "N",
            defaultValue = "5",
            description =
                    "With --watch, where file-system events are not available: check every N seconds (default ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(
            names = "--poll",
            description =
                    "With --watch, poll even where file-system events exist (network file systems often send none).")
    boolean poll;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestOptions options = options(config.load());
        if (watch) {
            return watch(options, out, err);
        }
        ProgressPrinter progress = new ProgressPrinter(err, Terminal.interactive());
        // Ctrl-C ends the JVM without a commit: say so, since the run printed no summary.
        Thread notice = new Thread(
                () -> {
                    progress.finish();
                    err.println("interrupted: nothing of this run was committed; index " + options.index()
                            + " is as the last completed run left it");
                    err.flush();
                },
                "sluice-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(notice);
        IngestReport report;
        try {
            report = Sluice.ingest(options, noProgress ? dev.sluice.ingest.ProgressListener.NONE : progress);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(notice);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the notice will run
            }
        }
        progress.finish();
        if (json) {
            out.println(Json.write(IngestSummary.toJson(report)));
        } else {
            IngestSummary.printTable(report, out);
        }
        if (!report.failedSources().isEmpty()) {
            err.println("error: " + report.failedSources().size() + " source(s) failed: "
                    + String.join(", ", report.failedSources().keySet()) + "; the others were ingested");
            return SluiceCli.EXIT_FAILED;
        }
        return SluiceCli.EXIT_OK;
    }

    /** Runs, then runs again on every change, printing a line per run, until the process is stopped. */
    private int watch(IngestOptions options, PrintWriter out, PrintWriter err) {
        if (pollSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--poll-seconds must be > 0, got " + pollSeconds);
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            err.println("watch stopped; every completed run is committed");
                            err.flush();
                        },
                        "sluice-watch-stop"));
        try (dev.sluice.Ingester ingester = new dev.sluice.Ingester(options)) {
            err.println("watching " + options.sources().size() + " source(s); Ctrl-C stops");
            err.flush();
            ingester.watch(
                    pollSeconds * 1000L,
                    !poll,
                    () -> false,
                    report -> {
                        out.printf(
                                java.util.Locale.ROOT,
                                "%s run %d: %d ingested, %d unchanged, %d quarantined, %d deleted; %d chunks, %d embedded,"
                                        + " %d from cache; %s%n",
                                java.time.LocalTime.now(java.time.ZoneOffset.UTC)
                                        .withNano(0),
                                report.runId(),
                                report.ingested(),
                                report.unchanged(),
                                report.quarantined().size(),
                                report.deleted(),
                                report.chunks(),
                                report.embeddingsComputed(),
                                report.embeddingsReused(),
                                Durations.format(report.wallMillis()));
                        report.quarantined().stream()
                                .filter(q -> !q.message().contains("(unchanged since run"))
                                .forEach(q -> out.println("    quarantined " + q.path() + ": "
                                        + q.reason().label() + ": " + q.message()));
                        report.failedSources()
                                .forEach((name, error) -> out.println("    source " + name + " failed: " + error));
                        out.flush();
                    },
                    e -> {
                        err.println("error: run failed: " + e.getMessage() + "; watching goes on");
                        err.flush();
                    });
        }
        return SluiceCli.EXIT_OK;
    }

    /** Flags over sluice.yaml over defaults, validated: a bad value is a usage error (exit 2) naming it. */
    private IngestOptions options(SluiceConfig file) {
        try {
            // A run over sluice.yaml's sources prunes the sources the file no longer names; an ad-hoc
            // run over PATH arguments leaves the index's other sources alone.
            return merge(file).withRun(new dev.sluice.ingest.RunOptions(retryQuarantined, inputs.isEmpty()));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private IngestOptions merge(SluiceConfig file) {
        EmbeddingModelSpec spec =
                EmbeddingModelSpec.byId(model != null ? model : file.embedding().model());
        Integer configuredMax = maxTokens != null ? maxTokens : file.chunking().maxTokens();
        int cores = Runtime.getRuntime().availableProcessors();
        Integer configuredThreads = threads != null ? threads : file.embedding().threads();
        return new IngestOptions(
                sources(file),
                index.resolve(file),
                spec,
                configuredMax != null
                        ? configuredMax
                        : dev.sluice.chunk.ChunkerSettings.defaultsWithin(spec.maxChunkTokens())
                                .maxTokens(),
                overlap != null ? overlap : file.chunking().overlapTokens(),
                ExtractionLimits.defaults()
                        .withMaxFileBytes((long)
                                        (maxFileMb != null
                                                ? maxFileMb
                                                : file.extraction().maxFileMb())
                                * 1024
                                * 1024)
                        .withParseTimeoutMillis((parseTimeoutSeconds != null
                                        ? parseTimeoutSeconds
                                        : file.extraction().parseTimeoutSeconds())
                                * 1000L),
                1,
                configuredThreads != null ? configuredThreads : cores);
    }

    private List<Source> sources(SluiceConfig file) {
        if (!inputs.isEmpty()) {
            return inputs.stream()
                    .map(DirectorySource::of)
                    .map(s -> new DirectorySource(s.name(), s.root(), includes, excludes, gitignore))
                    .<Source>map(s -> verifyContent ? s.withContentHashes() : s)
                    .toList();
        }
        if (!includes.isEmpty() || !excludes.isEmpty()) {
            throw new IllegalArgumentException(
                    "--include and --exclude apply to PATH arguments; for the sources of sluice.yaml, set include and exclude there");
        }
        if (file.sources().isEmpty()) {
            throw new IllegalArgumentException(
                    "no PATH given and "
                            + (file.file() == null ? "no sluice.yaml here" : file.file() + " lists no sources")
                            + "; pass folders (sluice ingest docs/) or describe them in sluice.yaml (sluice init writes a starter)");
        }
        return IngestOptions.configuredSources(file, index.resolve(file)).stream()
                .<Source>map(s -> s instanceof DirectorySource d ? local(d) : s)
                .toList();
    }

    private DirectorySource local(DirectorySource source) {
        return verifyContent ? source.withContentHashes() : source;
    }
}
