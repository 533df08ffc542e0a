package dev.sluice.embed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.chunk.TokenCounter;
import dev.sluice.observe.Traces;
import io.opentelemetry.api.trace.Span;

/**
 * An {@link Embedder} that remembers the vectors of recent queries, so that a query asked again, as
 * popular questions are, costs a map lookup instead of a model run (about 7 ms of CPU with
 * bge-small). A Caffeine cache bounded by count: past the capacity it drops what was used least
 * recently and least often (W-TinyLFU), keeping its bookkeeping on the caller's thread so that the
 * bound holds when {@code put} returns. Passages are never cached here (the catalog caches those by
 * content hash). Thread-safe; hits and misses are counted.
 */
public final class QueryVectorCache implements Embedder {
    private final Embedder model;
    private final Cache<String, float[]> vectors;

    /** @param capacity queries remembered (each costs 4 bytes per dimension) */
    public QueryVectorCache(Embedder model, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("query vector cache capacity must be >= 1, got " + capacity);
        }
        this.model = model;
        this.vectors = Caffeine.newBuilder()
                .maximumSize(capacity)
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    @Override
    public float[] embedQuery(String query) {
        Span span = Traces.child("embed.query");
        try {
            float[] known = vectors.getIfPresent(query);
            span.setAttribute("sluice.cache.hit", known != null);
            if (known != null) {
                return known.clone();
            }
            // Not computed inside the cache: a 7 ms model run would hold other keys' updates; two threads
            // may therefore embed the same query once each.
            float[] vector = model.embedQuery(query);
            vectors.put(query, vector.clone());
            return vector;
        } finally {
            span.end();
        }
    }

    /** Queries answered from the cache so far. */
    public long hits() {
        return vectors.stats().hitCount();
    }

    /** Queries the model embedded so far. */
    public long misses() {
        return vectors.stats().missCount();
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    @Override
    public String modelVersion() {
        return model.modelVersion();
    }

    @Override
    public int dimensions() {
        return model.dimensions();
    }

    @Override
    public int maxInputTokens() {
        return model.maxInputTokens();
    }

    @Override
    public TokenCounter tokenCounter() {
        return model.tokenCounter();
    }

    @Override
    public float[] embedPassage(String text) {
        return model.embedPassage(text);
    }

    @Override
    public int batchSize() {
        return model.batchSize();
    }

    @Override
    public java.util.List<float[]> embedPassages(java.util.List<String> texts) {
        return model.embedPassages(texts);
    }

    @Override
    public void close() {
        model.close();
    }
}
