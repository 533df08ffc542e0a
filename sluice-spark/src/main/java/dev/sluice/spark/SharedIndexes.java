package dev.sluice.spark;

import dev.sluice.backend.Backends;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.embed.Embedder;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each executor's writer to a shared index ({@code index.backend} other than {@code lucene}, such as
 * {@code opensearch}, found by {@link Backends} as the rest of Sluice finds it), opened
 * once per JVM: a shared engine takes writes from every executor at once, so executors write their documents
 * themselves and the driver only commits and publishes.
 */
final class SharedIndexes {
    private static final Map<String, ChunkIndex> WRITERS = new ConcurrentHashMap<>();

    private SharedIndexes() {}

    /** This JVM's writer to the active generation of the shared index, for the model's settings. */
    static ChunkIndex writer(Backends backends, EffectiveConfig config, Embedder model) {
        String key = backends.choice().index() + "|" + backends.folder();
        return WRITERS.computeIfAbsent(
                key,
                k -> backends.index()
                        .openForWriting(new IndexSettings(
                                model.modelId(), model.modelVersion(), model.dimensions(), config.language())));
    }
}
