package dev.sluice.serve;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeyStore;
import dev.sluice.access.ApiKeys;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authentication filter: a valid key, then its request rate; the caller is attached to the
 * request. Valid keys are remembered for {@link #CACHE_MILLIS} so that a busy service does not read
 * the catalog on every request; a revoked key therefore stops working within that time.
 */
final class Auth {
    /** How long a key found valid is trusted without asking the catalog again. */
    static final long CACHE_MILLIS = 5_000;

    private record Known(ApiKeyRecord key, long checkedMillis) {}

    private final ApiKeyStore catalog;
    private final KeyRateLimiter limiter;
    private final Map<String, Known> valid = new ConcurrentHashMap<>();

    Auth(ApiKeyStore catalog, KeyRateLimiter limiter) {
        this.catalog = catalog;
        this.limiter = limiter;
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
        long now = System.currentTimeMillis();
        Known known = valid.get(presented);
        if (known != null && now - known.checkedMillis() < CACHE_MILLIS) {
            return known.key();
        }
        ApiKeyRecord key = ApiKeys.authenticate(catalog, presented);
        if (key == null) {
            valid.remove(presented);
            return null;
        }
        if (valid.size() > 10_000) {
            valid.clear(); // many keys in use at once: start over rather than grow without bound
        }
        valid.put(presented, new Known(key, now));
        return key;
    }
}
