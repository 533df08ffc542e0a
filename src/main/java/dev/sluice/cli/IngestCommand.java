package dev.sluice.cli;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.ingest.IngestReport;
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
        mixinStandardHelpOptions = true,
        description = {
            "Extract, chunk, embed and index folders or files into a local knowledge base.",
            "Files that cannot be read are quarantined with a reason; the run goes on.",
            "Exit code 0 when the run completes (quarantined files included), 1 when it fails, 2 on bad usage."
        })
final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Folders or files to ingest.")
    List<Path> inputs;

    @Mixin
    IndexOption index;

    @Option(
            names = "--model",
            paramLabel = "ID",
            defaultValue = "bge-small-en-v1.5-q",
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
            defaultValue = "32",
            description = "Tokens shared by consecutive chunks of one section (default ${DEFAULT-VALUE}).")
    int overlap;

    @Option(
            names = "--include",
            paramLabel = "GLOB",
            description = "Only files whose relative path matches (repeatable), e.g. '**/*.pdf'.")
    List<String> includes = new ArrayList<>();

    @Option(
            names = "--exclude",
            paramLabel = "GLOB",
            description = "Skip files whose relative path matches (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(
            names = "--max-file-mb",
            paramLabel = "MB",
            defaultValue = "32",
            description = "Quarantine files larger than this (default ${DEFAULT-VALUE} MB).")
    int maxFileMb;

    @Option(
            names = "--parse-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "Quarantine files whose parsing takes longer (default ${DEFAULT-VALUE} s).")
    int parseTimeoutSeconds;

    @Option(names = "--threads", paramLabel = "N", description = "Embedding threads (default: one per core).")
    Integer threads;

    @Option(names = "--json", description = "Print the summary as JSON on standard output.")
    boolean json;

    @Option(names = "--no-progress", description = "Do not show progress.")
    boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestOptions options = options();
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
        return SluiceCli.EXIT_OK;
    }

    /** The options as given, validated: a bad value is a usage error (exit 2) naming the option. */
    private IngestOptions options() {
        try {
            return buildOptions();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private IngestOptions buildOptions() {
        IngestOptions defaults = IngestOptions.defaults(inputs, index.path());
        EmbeddingModelSpec spec = EmbeddingModelSpec.byId(model);
        return new IngestOptions(
                inputs,
                index.path(),
                spec,
                maxTokens != null ? maxTokens : Math.min(IngestOptions.DEFAULT_MAX_CHUNK_TOKENS, spec.maxChunkTokens()),
                overlap,
                includes,
                excludes,
                ExtractionLimits.defaults()
                        .withMaxFileBytes((long) maxFileMb * 1024 * 1024)
                        .withParseTimeoutMillis(parseTimeoutSeconds * 1000L),
                defaults.extractThreads(),
                threads == null ? defaults.embedThreads() : threads);
    }
}
