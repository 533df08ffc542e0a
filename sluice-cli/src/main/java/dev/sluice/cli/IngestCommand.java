package dev.sluice.cli;

import dev.sluice.IngestOptions;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.UsageException;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.RunOptions;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
            description = "Embedding model: bge-small-en-v1.5-q (default) or all-minilm-l6-v2-q;"
                    + " bge-small-en-v1.5 (full precision) in the bench build only.")
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
            names = "--source",
            paramLabel = "NAME",
            description = "Only this source of sluice.yaml (repeatable); the others are left as they are.")
    List<String> sourceNames = new ArrayList<>();

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
        EffectiveConfig effective = config.effective(
                index,
                Flags.NONE
                        .with(EffectiveConfig.MODEL, model, "--model")
                        .with(EffectiveConfig.MAX_TOKENS, maxTokens, "--max-tokens")
                        .with(EffectiveConfig.OVERLAP, overlap, "--overlap")
                        .with(EffectiveConfig.MAX_FILE_MB, maxFileMb, "--max-file-mb")
                        .with(EffectiveConfig.PARSE_TIMEOUT, parseTimeoutSeconds, "--parse-timeout")
                        .with(EffectiveConfig.THREADS, threads, "--threads"));
        if (watch && pollSeconds <= 0) {
            throw new UsageException("--poll-seconds must be > 0, got " + pollSeconds);
        }
        try (KnowledgeBase kb = KnowledgeBase.open(effective)) {
            IngestOptions options = options(kb, effective, err);
            return watch ? watch(kb, options, out, err) : once(kb, options, out, err);
        }
    }

    private int once(KnowledgeBase kb, IngestOptions options, PrintWriter out, PrintWriter err) {
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
            report = kb.sync(options, noProgress ? dev.sluice.ingest.ProgressListener.NONE : progress);
        } catch (dev.sluice.ingest.ContractViolationException violation) {
            progress.finish();
            if (json) {
                Map<String, Object> failed = new java.util.LinkedHashMap<>();
                failed.put("run", violation.runId());
                failed.put("status", "contract_failed");
                failed.put("published", false);
                failed.put(
                        "quality",
                        violation.quality().stream()
                                .map(dev.sluice.QualityJson::source)
                                .toList());
                out.println(Json.write(failed));
                out.flush();
            } else {
                QualityViews.table(out, violation.quality());
                out.flush();
            }
            // A data check that failed, not a crash: 3, like a failed gate or a freshness breach.
            err.println("error: " + violation.getMessage());
            err.flush();
            return SluiceCli.EXIT_CHECK_FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(notice);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the notice will run
            }
        }
        progress.finish();
        SourceSelection.remember(kb, toRemember, report.failedSources().keySet());
        if (json) {
            out.println(Json.write(IngestSummary.toJson(report)));
        } else {
            IngestSummary.printTable(report, out);
        }
        ReviewCommand.afterSync(kb, report, json ? null : out, err); // checks.conflicts: new items, or a warning
        if (!report.failedSources().isEmpty()) {
            err.println("error: " + report.failedSources().size() + " source(s) failed: "
                    + String.join(", ", report.failedSources().keySet()) + "; the others were ingested");
            return SluiceCli.EXIT_FAILED;
        }
        return SluiceCli.EXIT_OK;
    }

    /** Runs, then runs again on every change, printing a line per run, until the process is stopped. */
    private int watch(KnowledgeBase kb, IngestOptions options, PrintWriter out, PrintWriter err) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            err.println("watch stopped; every completed run is committed");
                            err.flush();
                        },
                        "sluice-watch-stop"));
        try (dev.sluice.Ingester ingester = kb.ingester(options)) {
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

    /** The PATH arguments as the catalog remembers them for a later sync without PATH; empty without PATH. */
    private List<dev.sluice.ingest.AdHocSource> toRemember = List.of();

    /**
     * A run over the PATH arguments, else over the sources of sluice.yaml, else (no sources there) over the
     * folders earlier runs were given as PATH.
     */
    private IngestOptions options(KnowledgeBase kb, EffectiveConfig effective, PrintWriter err) {
        RunOptions run = new RunOptions(retryQuarantined, inputs.isEmpty());
        if (!inputs.isEmpty()) {
            if (!sourceNames.isEmpty()) {
                throw new UsageException("--source selects sources of sluice.yaml; give either PATH or --source");
            }
            List<Source> sources;
            try {
                sources = inputs.stream()
                        .map(DirectorySource::of)
                        .map(s -> new DirectorySource(s.name(), s.root(), includes, excludes, gitignore))
                        .<Source>map(s -> verifyContent ? s.withContentHashes() : s)
                        .toList();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--include/--exclude: " + e.getMessage(), e); // a glob that does not parse
            }
            toRemember = sources.stream()
                    .map(s -> new dev.sluice.ingest.AdHocSource(
                            s.name(), ((DirectorySource) s).root(), includes, excludes, gitignore))
                    .toList();
            return kb.adHocRun(sources, run);
        }
        if (!includes.isEmpty() || !excludes.isEmpty()) {
            throw new UsageException("--include and --exclude apply to PATH arguments; for the sources of"
                    + " sluice.yaml, set include and exclude there");
        }
        List<Source> remembered = SourceSelection.remembered(kb, effective, err);
        IngestOptions configured;
        if (!remembered.isEmpty()) {
            configured = kb.adHocRun(
                    sourceNames.isEmpty() ? remembered : SourceSelection.named(remembered, sourceNames), run);
        } else {
            configured = sourceNames.isEmpty()
                    ? kb.configuredRun(run)
                    : kb.adHocRun(SourceSelection.named(kb.configuredSources(), sourceNames), run);
        }
        return verifyContent
                ? configured.withSources(configured.sources().stream()
                        .<Source>map(s -> s instanceof DirectorySource d ? d.withContentHashes() : s)
                        .toList())
                : configured;
    }
}
