package dev.sluice.bench.regression;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.bench.regression.RegressionFile.ModeFigures;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.eval.BeirCorpusSource;
import dev.sluice.eval.EvalRunner;
import dev.sluice.eval.EvalSet;
import dev.sluice.eval.EvalSetReader;
import dev.sluice.eval.Metric;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        EvalSet set = EvalSetReader.readBeir(data, file.split());
        EmbeddingModelSpec model = EmbeddingModelSpec.byId(file.index().model());
        IngestOptions ingest = new IngestOptions(
                List.of(new BeirCorpusSource(file.name(), data)),
                index,
                model,
                file.index().maxChunkTokens(),
                file.index().overlapTokens(),
                ExtractionLimits.defaults(),
                1,
                options.threads());
        IngestReport report = Sluice.ingest(ingest, ProgressListener.NONE);
        if (!report.failedSources().isEmpty() || !report.quarantined().isEmpty()) {
            throw new SluiceException(file.file() + ": the knowledge base in " + index + " is incomplete ("
                    + report.failedSources().values() + ", "
                    + report.quarantined().size()
                    + " quarantined); delete that folder and run again");
        }
        try (Catalog catalog = Catalog.openExisting(index)) {
            set.checkDocumentIds(indexedDocuments(catalog));
        }
        List<SearchMode> modes = file.modes().stream().map(ModeFigures::mode).toList();
        List<Metric> metrics = file.metrics();
        EvalRunner.Result result;
        int chunks;
        try (LuceneIndex lucene = LuceneIndex.openForReading(index)) {
            chunks = lucene.chunkCount();
            boolean vectors = modes.stream().anyMatch(m -> m != SearchMode.BM25);
            try (OnnxEmbedder embedder = vectors
                    ? OnnxEmbedder.load(
                            EmbeddingModelSpec.byId(lucene.settings().modelId()), 1)
                    : null) {
                result = EvalRunner.run(
                        lucene,
                        embedder,
                        set,
                        new EvalRunner.Options(
                                modes, metrics, depth(metrics), options.threads(), RetrievalSettings.DEFAULTS));
            }
        }
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
        return new Outcome(file, lines, set.queries().size(), report, chunks, result.millis());
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

    private static Set<String> indexedDocuments(Catalog catalog) {
        Set<String> known = new HashSet<>();
        for (DocumentRecord d : catalog.documents().values()) {
            if (d.indexed()) {
                known.add(d.path());
                known.add(d.uri());
            }
        }
        return known;
    }
}
