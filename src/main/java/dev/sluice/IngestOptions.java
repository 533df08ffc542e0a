package dev.sluice;

import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.core.Checks;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.extract.ExtractionLimits;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one ingestion.
 *
 * @param inputs folders or files to ingest
 * @param index index folder
 * @param model embedding model
 * @param maxChunkTokens largest chunk, in the model's tokens (at most the model's limit)
 * @param overlapTokens tokens repeated between consecutive chunks of one section
 * @param includeGlobs keep only files whose relative path matches one of these (empty: all)
 * @param excludeGlobs skip files whose relative path matches one of these
 * @param limits extraction limits (size, time, expansion)
 * @param extractThreads threads extracting and chunking
 * @param embedThreads threads embedding (one per core is best)
 */
public record IngestOptions(
        List<Path> inputs,
        Path index,
        EmbeddingModelSpec model,
        int maxChunkTokens,
        int overlapTokens,
        List<String> includeGlobs,
        List<String> excludeGlobs,
        ExtractionLimits limits,
        int extractThreads,
        int embedThreads) {

    public static final int DEFAULT_MAX_CHUNK_TOKENS = 256;
    public static final int DEFAULT_OVERLAP_TOKENS = 32;

    public IngestOptions {
        inputs = List.copyOf(inputs);
        includeGlobs = List.copyOf(includeGlobs);
        excludeGlobs = List.copyOf(excludeGlobs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs must name at least one folder or file");
        }
        Checks.notNull("index", index);
        Checks.notNull("model", model);
        Checks.positive("ingest.extractThreads", extractThreads);
        Checks.positive("ingest.embedThreads", embedThreads);
        new ChunkerSettings(maxChunkTokens, overlapTokens).requireWithinModelLimit(model.id(), model.maxChunkTokens());
        for (String glob : includeGlobs) {
            checkGlob(glob);
        }
        for (String glob : excludeGlobs) {
            checkGlob(glob);
        }
    }

    private static void checkGlob(String glob) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("glob '" + glob + "' is not valid: " + e.getMessage(), e);
        }
    }

    /** Defaults for everything but the inputs and the index. */
    public static IngestOptions defaults(List<Path> inputs, Path index) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IngestOptions(
                inputs,
                index,
                EmbeddingModelSpec.BGE_SMALL_EN_V15_Q,
                DEFAULT_MAX_CHUNK_TOKENS,
                DEFAULT_OVERLAP_TOKENS,
                List.of(),
                List.of(),
                ExtractionLimits.defaults(),
                1,
                cores);
    }
}
