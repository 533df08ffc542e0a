package dev.sluice.spark;

import dev.sluice.backend.Backends;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.embed.Embedder;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;

/**
 * Each executor's writer to a shared index ({@code index.backend} other than {@code lucene}, such as
 * {@code opensearch}, found by {@link Backends} as the rest of Sluice finds it): a shared engine takes writes from every executor at once, so executors write their documents
 * themselves and the driver only commits and publishes.
 */
final class SharedIndexes {
    private SharedIndexes() {}

    /**
     * A writer to the active generation of the shared index, for the model's settings: one per partition,
     * flushed and closed by it (a writer kept for the JVM would keep every document it ever sent).
     */
    static ChunkIndex writer(Backends backends, EffectiveConfig config, Embedder model) {
        return backends.index()
                .openForWriting(new IndexSettings(
                        model.modelId(), model.modelVersion(), model.dimensions(), config.language()));
    }
}
