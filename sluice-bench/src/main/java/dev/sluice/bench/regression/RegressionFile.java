package dev.sluice.bench.regression;

import dev.sluice.eval.Metric;
import dev.sluice.retrieve.SearchMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One regression file ({@code regressions/NAME.yaml}), read and validated by {@link
 * RegressionFileReader}: the data set, how the knowledge base is built, and the figures each mode
 * must reproduce.
 *
 * @param file where it was read from, for messages
 * @param name the name printed on every line, such as {@code scifact-train}
 * @param dataset a BEIR folder: a path, or a name under the shared data ({@code ../shared/data})
 * @param split the qrels split, such as {@code train}
 * @param index how the knowledge base is built
 * @param slice the part of the data set to use, or null for all of it
 * @param modes the expected figures per mode, in file order
 */
public record RegressionFile(
        Path file, String name, String dataset, String split, IndexRecipe index, Slice slice, List<ModeFigures> modes) {
    public RegressionFile {
        modes = List.copyOf(modes);
    }

    /**
     * The knowledge base's recipe; documents are ingested as {@code sluice eval import-beir} does.
     *
     * @param model embedding model id
     * @param maxChunkTokens largest chunk, in the model's tokens
     * @param overlapTokens tokens repeated between consecutive chunks
     */
    public record IndexRecipe(String model, int maxChunkTokens, int overlapTokens) {}

    /**
     * A deterministic slice: the first {@code queries} judged queries in {@code queries.jsonl}
     * order, and a corpus of their relevant documents plus the first {@code otherDocuments} other
     * documents in corpus order.
     */
    public record Slice(int queries, int otherDocuments) {}

    /**
     * Expected means of one mode.
     *
     * @param mode the retrieval mode, with default retrieval settings
     * @param tolerance largest accepted |actual - expected|
     * @param expected metric to expected mean, in file order
     */
    public record ModeFigures(SearchMode mode, double tolerance, Map<Metric, Double> expected) {
        public ModeFigures {
            expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
        }
    }

    /** Every metric any mode expects, in first-seen order: what the eval run computes. */
    public List<Metric> metrics() {
        return modes.stream()
                .flatMap(m -> m.expected().keySet().stream())
                .distinct()
                .toList();
    }
}
