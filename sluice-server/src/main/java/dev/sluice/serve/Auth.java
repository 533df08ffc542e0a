package dev.sluice.serve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeyStore;
import dev.sluice.access.ApiKeys;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * The authentication filter: a valid key, then its request rate; the caller is attached to the
 * request. Valid keys are remembered for {@link #CACHE_MILLIS} so that a busy service does not read
 * the catalog on every request; a revoked key therefore stops working within that time. The memory is
 * a Caffeine cache whose entries expire {@link #CACHE_MILLIS} after they were written, so no request
 * can renew an old entry or clear a fresh one (the hand-made map could do both under concurrency);
 * invalid keys are never remembered.
 */
final class Auth {
    /** How long a key found valid is trusted without asking the catalog again. */
    static final long CACHE_MILLIS = 5_000;

    /** Keys remembered at once; more in use at once are read from the catalog more often, nothing worse. */
    private static final int KEYS_REMEMBERED = 10_000;

    private final ApiKeyStore catalog;
    private final KeyRateLimiter limiter;
    private final Cache<String, ApiKeyRecord> valid = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(CACHE_MILLIS))
            .maximumSize(KEYS_REMEMBERED)
            .executor(Runnable::run)
            .recordStats()
            .build();

    Auth(ApiKeyStore catalog, KeyRateLimiter limiter) {
        this.catalog = catalog;
        this.limiter = limiter;
    }

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
        // A null from the catalog (unknown or revoked) is not stored: the next request asks again.
        return valid.get(presented, k -> ApiKeys.authenticate(catalog, k));
    }
}
