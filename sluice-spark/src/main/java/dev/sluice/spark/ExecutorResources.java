package dev.sluice.spark;

import dev.sluice.backend.Backends;
import dev.sluice.backend.CatalogStores;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.ingest.DocumentProcessor;
import dev.sluice.quality.TextNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one JVM (an executor, or the driver in {@code local[N]}) opens once and keeps for every task it runs:
 * the configuration read from sluice.yaml, the embedding model (loaded once per model, whatever the number
 * of tasks and runs), the extractor and chunker, and the vector cache of an embedded catalog it can reach.
 *
 * <p>Trap: these live as long as the JVM; they are never closed, as an executor has no "last task". A model
 * is about 130 MB: the map holds one per model id and version, so a job over one knowledge base holds one.
 */
final class ExecutorResources {
    private static final Map<String, EffectiveConfig> CONFIGS = new ConcurrentHashMap<>();
    private static final Map<String, Embedder> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, DocumentProcessor> PROCESSORS = new ConcurrentHashMap<>();
    private static final Map<String, CatalogStores> VECTOR_CACHES = new ConcurrentHashMap<>();
    private static final AtomicInteger MODEL_LOADS = new AtomicInteger();

    private ExecutorResources() {}

    /** The configuration in sluice.yaml at {@code file}, read again only when the file changed. */
    static EffectiveConfig config(String file) {
        Path path = Path.of(file);
        String key;
        try {
            key = file + "|" + Files.size(path) + "|"
                    + Files.getLastModifiedTime(path).toMillis();
        } catch (java.io.IOException e) {
            throw new SluiceException(
                    "cannot read " + file + ": " + e.getMessage()
                            + "; every executor must reach sluice.yaml at the same path (spark-submit --files)",
                    e);
        }
        return CONFIGS.computeIfAbsent(key, k -> EffectiveConfig.resolve(ConfigLoader.load(path), Flags.NONE));
    }

    /** The model of {@code spec}, loaded once per JVM. */
    static Embedder model(EmbeddingModelSpec spec) {
        if (spec.kind() == EmbeddingModelSpec.Kind.ENDPOINT) {
            throw new SluiceException("embedding.model " + spec.id() + " is an endpoint; the Spark job embeds with"
                    + " a local ONNX model only (an endpoint's budget lives in the catalog): use sluice sync");
        }
        return MODELS.computeIfAbsent(spec.id() + "@" + spec.version(), key -> {
            MODEL_LOADS.incrementAndGet();
            return OnnxEmbedder.load(spec, 1); // one intra-op thread: Spark runs one task per core
        });
    }

    /** How many models this JVM loaded (tests: once per executor, not once per task). */
    static int modelLoads() {
        return MODEL_LOADS.get();
    }

    /** Extraction, normalization and chunking as the configuration says, with the model's token counter. */
    static DocumentProcessor processor(EffectiveConfig config) {
        Embedder model = model(config.model());
        String key = config.file().map(Path::toString).orElse("") + "|"
                + HeadingAwareChunker.versionOf(config.chunking()) + "|" + model.modelId() + "|"
                + config.extractionLimits();
        return PROCESSORS.computeIfAbsent(
                key,
                k -> new DocumentProcessor(
                        new DocumentExtractor(config.extractionLimits()),
                        new TextNormalizer(),
                        new HeadingAwareChunker(config.chunking(), model.tokenCounter())));
    }

    /**
     * The catalog of {@code backends} for vector-cache reads, when this JVM can reach it (a shared catalog
     * from every executor; an embedded one on the driver's machine, {@code local[N]}); null elsewhere: every
     * vector is then computed.
     */
    static CatalogStores vectorCache(Backends backends) {
        if (!backends.catalogExists()) {
            return null;
        }
        return VECTOR_CACHES.computeIfAbsent(
                backends.choice().catalog() + "|" + backends.folder(), key -> backends.openCatalog());
    }
}
