package dev.sluice.serve;

import dev.sluice.catalog.ApiKeyRecord;
import dev.sluice.catalog.Catalog;
import io.javalin.http.Context;

/** The authentication filter: a valid key, then its request rate; the caller is attached to the request. */
record Auth(Catalog catalog, KeyRateLimiter limiter) {
    void authenticate(Context ctx) {
        if (Caller.present(ctx)) {
            return; // two before-handlers matched this path: the key was checked and counted once
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "unauthenticated", "send an API key: Authorization: Bearer sk_sluice_...");
        }
        ApiKeyRecord key = ApiKeys.authenticate(catalog, header.substring(7).strip());
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
}
