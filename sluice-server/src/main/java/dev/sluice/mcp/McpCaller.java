package dev.sluice.mcp;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.core.AccessList;
import java.util.List;
import java.util.Set;

/**
 * Who the MCP tools act for: the local user of {@code sluice mcp} (every document, like the CLI), or
 * an API key (its principal's access tokens and its scopes), over stdio with {@code --api-key-env} or
 * over HTTP with {@code Authorization: Bearer}. Every tool asks this record, and nothing else, what
 * the caller may read.
 *
 * @param keyId the API key's id, charged for model calls and named in traces; null for the local user
 * @param principal who the caller is
 * @param tokens the access tokens every read is limited to ({@link AccessList#callerTokens}); null for
 *     the local user, who reads everything
 * @param scopes what the caller may do (query, ingest, admin)
 */
public record McpCaller(String keyId, String principal, List<String> tokens, Set<String> scopes) {
    /** The local user of {@code sluice mcp} without a key: full access, as every other command has. */
    public static final McpCaller LOCAL = new McpCaller(null, "local", null, Set.of("query", "ingest", "admin"));

    public McpCaller {
        tokens = tokens == null ? null : List.copyOf(tokens);
        scopes = Set.copyOf(scopes);
    }

    /** The caller an API key speaks for. */
    public static McpCaller of(ApiKeyRecord key) {
        return new McpCaller(
                key.id(),
                key.principal(),
                AccessList.callerTokens(key.principal(), key.groups()),
                Set.copyOf(key.scopes()));
    }

    /** Whether the caller may learn of a document whose catalog record holds this access fingerprint. */
    public boolean mayRead(String accessFingerprint) {
        return tokens == null || AccessList.readable(accessFingerprint, tokens);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
