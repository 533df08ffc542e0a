package dev.sluice.serve;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeyStore;
import dev.sluice.access.ApiKeys;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * The authentication filter: a valid key, then its request rate; the caller is attached to the
 * request. Valid keys are remembered so that a busy service does not read the catalog on every
 * request. The memory is a Caffeine cache: a key found valid is trusted for {@link #CACHE_MILLIS},
 * then the next request that presents it has it read again in the background while it goes on with
 * the remembered record, so a revoked key stops working within that time (and the reading) of its
 * next use. Why in the background: the catalog's connection is shared with work that holds it for a
 * second or more (storing and pruning a busy service's spans, incident detectors); a request that
 * waited for it made every request of that key wait too, once every {@link #CACHE_MILLIS}, which
 * was the p99 of a loaded service (docs/benchmarks.md). A key whose record could not be read again
 * for {@link #MAX_TRUST_MILLIS} is read on the request again. Invalid keys are never remembered.
 */
final class Auth {
    /** How long a key found valid is trusted without asking the catalog again. */
    static final long CACHE_MILLIS = 5_000;

    /** The longest a key is trusted without a successful read of its record (the catalog failing meanwhile). */
    static final long MAX_TRUST_MILLIS = 60_000;

    /** Keys remembered at once; more in use at once are read from the catalog more often, nothing worse. */
    private static final int KEYS_REMEMBERED = 10_000;

    private final ApiKeyStore catalog;
    private final KeyRateLimiter limiter;
    private final LoadingCache<String, ApiKeyRecord> valid;

    Auth(ApiKeyStore catalog, KeyRateLimiter limiter) {
        this.catalog = catalog;
        this.limiter = limiter;
        this.valid = Caffeine.newBuilder()
                .refreshAfterWrite(Duration.ofMillis(CACHE_MILLIS))
                .expireAfterWrite(Duration.ofMillis(MAX_TRUST_MILLIS))
                .maximumSize(KEYS_REMEMBERED)
                .executor(REREAD)
                .recordStats()
                .build(k -> ApiKeys.authenticate(this.catalog, k));
    }

    /** Reads a trusted key's record again, off the request threads; one is enough for a few keys a second. */
    private static final java.util.concurrent.Executor REREAD = java.util.concurrent.Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("sluice-key-reread").daemon().factory());

    /** Requests whose key was trusted from memory and read from the catalog, so far: {hits, misses}. */
    long[] trustCacheCounts() {
        CacheStats stats = valid.stats();
        return new long[] {stats.hitCount(), stats.missCount()};
    }

    void authenticate(Context ctx) {
        if (Caller.present(ctx)) {
            return; // two before-handlers matched this path: the key was checked and counted once
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "unauthenticated", "send an API key: Authorization: Bearer sk_sluice_...");
        }
        ApiKeyRecord key = key(header.substring(7).strip());
        if (key == null) {
            throw new ApiError(401, "unauthenticated", "the API key is not valid (unknown or revoked)");
        }
        long waitMillis = limiter.tryAcquire(key.id());
        if (waitMillis > 0) {
            throw new ApiError(
                    429,
                    "rate_limited",
                    "this API key is over its request rate; retry after " + waitMillis + " ms",
                    Math.max(1, (waitMillis + 999) / 1000));
        }
        Caller.of(key).attachTo(ctx);
    }

    private ApiKeyRecord key(String presented) {
        // A null from the catalog (unknown or revoked) is not stored, and a re-read that finds none
        // removes the key: the next request asks again.
        return valid.get(presented);
    }
}
