package dev.sluice.spark;

import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.BackendProvider;
import dev.sluice.backend.IndexBackend;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared index backends ({@code index.backend} other than {@code lucene}, such as {@code opensearch}),
 * found by {@link ServiceLoader} as the rest of Sluice finds them, and each executor's writer to one, opened
 * once per JVM: a shared engine takes writes from every executor at once, so executors write their documents
 * themselves and the driver only commits and publishes.
 */
final class SharedIndexes {
    private static final Map<String, ChunkIndex> WRITERS = new ConcurrentHashMap<>();

    private SharedIndexes() {}

    /** The backend named {@code name}, configured with {@code settings}; a clear error when none answers. */
    static IndexBackend backend(String name, EffectiveConfig config, Map<String, String> settings) {
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.name().equals(name) && provider.serves("index")) {
                return provider.index(new BackendOptions("index", name, config.index(), settings, System.getenv()));
            }
        }
        throw new SluiceException("index.backend " + name + ": no module on the class path provides it; add its jar"
                + " (such as sluice-opensearch) to spark-submit --jars, or use lucene");
    }

    /** This JVM's writer to the active generation of the shared index, for the model's settings. */
    static ChunkIndex writer(String name, EffectiveConfig config, Map<String, String> settings, Embedder model) {
        String key = name + "|" + new java.util.TreeMap<>(settings) + "|" + config.index();
        return WRITERS.computeIfAbsent(
                key,
                k -> backend(name, config, settings)
                        .openForWriting(new IndexSettings(
                                model.modelId(), model.modelVersion(), model.dimensions(), config.language())));
    }
}
