package dev.sluice.serve;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.core.AccessList;
import io.javalin.http.Context;
import java.util.List;

/**
 * Who is calling: the API key the request authenticated with, and the access tokens every read of
 * content is limited to.
 */
record Caller(ApiKeyRecord key, List<String> tokens) {
    private static final String ATTRIBUTE = "sluice.caller";

    static Caller of(ApiKeyRecord key) {
        return new Caller(key, AccessList.callerTokens(key.principal(), key.groups()));
    }

    /** The request's caller (the authentication filter put it there). */
    static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new ApiError(401, "unauthenticated", "send an API key: Authorization: Bearer sk_sluice_...");
        }
        return caller;
    }

    static boolean present(Context ctx) {
        return ctx.attribute(ATTRIBUTE) != null;
    }

    void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The caller, who must hold {@code scope} (403 otherwise). */
    static Caller requiring(Context ctx, String scope) {
        Caller caller = of(ctx);
        if (!caller.has(scope)) {
            throw new ApiError(403, "forbidden", "this API key lacks the '" + scope + "' scope");
        }
        return caller;
    }

    boolean has(String scope) {
        return key.scopes().contains(scope);
    }

    /** Whether the caller may learn of a document whose catalog record holds this access fingerprint. */
    boolean mayRead(String accessFingerprint) {
        return AccessList.readable(accessFingerprint, tokens);
    }
}
