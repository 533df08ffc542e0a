package dev.sluice.serve;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.FeedbackDiagnosis;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.AccessList;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/**
 * Who is calling: the API key the request authenticated with, and the access tokens every read of
 * content is limited to. The API and the dashboard ask the same questions of it, so the access rules
 * are written once: which documents, traces and answers a caller may learn of.
 */
public record Caller(ApiKeyRecord key, List<String> tokens) {
    private static final String ATTRIBUTE = "sluice.caller";

    public static Caller of(ApiKeyRecord key) {
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

    public boolean has(String scope) {
        return key.scopes().contains(scope);
    }

    /** Whether the caller may learn of a document whose catalog record holds this access fingerprint. */
    public boolean mayRead(String accessFingerprint) {
        return AccessList.readable(accessFingerprint, tokens);
    }

    /** Whether the caller may see a trace whose root names the API key {@code keyId}: its own, or any for an admin. */
    public boolean mayReadTraceOf(String keyId) {
        return has("admin") || key.id().equals(keyId);
    }

    /**
     * Whether the caller may see an answer (its question, text and feedback): one given to the caller's
     * principal, or one whose context documents all exist and are readable by the caller.
     *
     * @param documents the catalog's record of a document URI, or null when it no longer exists
     */
    public boolean mayReadAnswer(AnswerRecord answer, Function<String, DocumentRecord> documents) {
        return answer.principal().equals(key.principal())
                || answer.contextUris().stream().allMatch(uri -> {
                    DocumentRecord d = documents.apply(uri);
                    return d != null && mayRead(d.access());
                });
    }

    /**
     * Whether the caller may see the diagnosis kept with a thumbs-down: it was told to whoever gave the
     * feedback, and its expected document may be one this caller may not read (one no longer in the
     * catalog: admins only).
     */
    public boolean mayReadDiagnosis(FeedbackDiagnosis diagnosis, Function<String, DocumentRecord> documents) {
        if (diagnosis.expectedUri() == null) {
            return true;
        }
        DocumentRecord d = documents.apply(diagnosis.expectedUri());
        return d == null ? has("admin") : mayRead(d.access());
    }
}
