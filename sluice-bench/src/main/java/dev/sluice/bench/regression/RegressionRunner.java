package dev.sluice.bench.regression;

import dev.sluice.Evaluations;
import dev.sluice.KnowledgeBase;
import dev.sluice.bench.regression.RegressionFile.ModeFigures;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.eval.EvalRunner;
import dev.sluice.eval.Metric;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one regression file: builds (or brings up to date) the knowledge base of its data set in
 * {@code workFolder/NAME}, evaluates every mode with the default retrieval settings as {@code
 * sluice eval run} does, and compares each mean with the file's expectation.
 *
 * <p>The knowledge base is built by an ordinary incremental ingest of the BEIR corpus (as {@code
 * sluice eval import-beir}), so a second run over the same data and settings processes nothing and
 * takes seconds; changed chunk settings re-chunk (vectors of unchanged chunk texts come from the
 * index's embedding cache) and another model builds a new index generation. A slice is first written
 * as its own BEIR folder, {@code workFolder/NAME-data}.
 */
public final class RegressionRunner {
    /**
     * @param workFolder where knowledge bases (and slices) are kept between runs
     * @param threads threads embedding and searching
     */
    public record Options(Path workFolder, int threads) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }
    }

    /**
     * A regression's result.
     *
     * @param file the regression file
     * @param lines one per (mode, metric), in file order
     * @param queries queries evaluated
     * @param ingest the ingest run that brought the knowledge base up to date
     * @param totalChunks chunks in the index after it
     * @param evalMillis time of the evaluation (all modes)
     */
    public record Outcome(
            RegressionFile file,
            List<RegressionLine> lines,
            int queries,
            IngestReport ingest,
            int totalChunks,
            long evalMillis) {
        public boolean ok() {
            return lines.stream().allMatch(RegressionLine::ok);
        }
    }

    private RegressionRunner() {}

    /** Runs {@code file}. */
    public static Outcome run(RegressionFile file, Options options) {
        Path data = dataset(file);
        Path index = options.workFolder().resolve(file.name());
        if (file.slice() != null) {
            data = BeirSlice.write(
                            data,
                            file.split(),
                            file.slice(),
                            options.workFolder().resolve(file.name() + "-data"))
                    .folder();
        }
        // Through the front door, as sluice eval import-beir and sluice eval run: the file's settings
        // stand in for flags over the built-in defaults (a sluice.yaml in the working folder plays no part).
        EffectiveConfig config = EffectiveConfig.resolve(
                SluiceConfig.defaults(),
                Flags.NONE
                        .with(EffectiveConfig.INDEX, index, "--work")
                        .with(EffectiveConfig.MODEL, file.index().model(), file.file() + " index.model")
                        .with(
                                EffectiveConfig.MAX_TOKENS,
                                file.index().maxChunkTokens(),
                                file.file() + " index.maxChunkTokens")
                        .with(
                                EffectiveConfig.OVERLAP,
                                file.index().overlapTokens(),
                                file.file() + " index.overlapTokens")
                        .with(EffectiveConfig.THREADS, options.threads(), "--threads"));
        List<Metric> metrics = file.metrics();
        IngestReport report;
        Evaluations.RunOutcome outcome;
        int chunks;
        try (KnowledgeBase kb = KnowledgeBase.open(config)) {
            report = kb.eval().importBeir(data, file.name(), ProgressListener.NONE);
            if (!report.failedSources().isEmpty() || !report.quarantined().isEmpty()) {
                throw new SluiceException(file.file() + ": the knowledge base in " + index + " is incomplete ("
                        + report.failedSources().values() + ", "
                        + report.quarantined().size()
                        + " quarantined); delete that folder and run again");
            }
            chunks = kb.searcher().index().chunkCount();
            outcome = kb.eval()
                    .run(new Evaluations.RunRequest(
                            data,
                            file.split(),
                            file.modes().stream().map(ModeFigures::mode).toList(),
                            metrics,
                            depth(metrics),
                            options.threads(),
                            false,
                            null));
        }
        EvalRunner.Result result = outcome.result();
        int queries = outcome.run().queries();
        Map<String, Map<String, Double>> means = result.means();
        List<RegressionLine> lines = new ArrayList<>();
        for (ModeFigures figures : file.modes()) {
            figures.expected()
                    .forEach((metric, expected) -> lines.add(new RegressionLine(
                            file.name(),
                            figures.mode(),
                            metric,
                            means.get(figures.mode().label()).get(metric.name()),
                            expected,
                            figures.tolerance())));
        }
        return new Outcome(file, lines, queries, report, chunks, result.millis());
    }

    /** The data set's BEIR folder: a path as given, else a folder under the shared data. */
    public static Path dataset(RegressionFile file) {
        Path given = Path.of(file.dataset());
        if (Files.isDirectory(given)) {
            return given;
        }
        return SharedData.resolve(file.dataset())
                .filter(Files::isDirectory)
                .orElseThrow(() -> new RegressionFileException(
                        file.file(),
                        "dataset",
                        "no folder '" + file.dataset() + "' here or under the shared data ("
                                + SharedData.root().map(Path::toString).orElse("no ../shared/data found")
                                + "); give a BEIR folder's path, or point -Dsluice.shared.data=DIR at the data"));
    }

    /** Retrieval depth: the largest cutoff, and at least 100 as {@code sluice eval run} uses. */
    static int depth(List<Metric> metrics) {
        int depth = 100;
        for (Metric m : metrics) {
            int at = m.name().indexOf('@');
            if (at >= 0) {
                depth = Math.max(depth, Integer.parseInt(m.name().substring(at + 1)));
            }
        }
        return depth;
    }
}
