package dev.sluice.access;

import java.util.List;

/**
 * The API-key seam: keys of the HTTP service, kept as hashes only (never the key). The embedded
 * implementation is the SQLite catalog; implementations are thread-safe.
 */
public interface ApiKeyStore {
    /** Stores a new key under the hash of its full text. */
    void addApiKey(ApiKeyRecord key, String keyHash);

    /** The key with this hash (revoked or not), or null. */
    ApiKeyRecord apiKeyByHash(String keyHash);

    /** Every key, revoked ones included, oldest first. */
    List<ApiKeyRecord> apiKeys();

    /** Revokes a key by id; false when there is no such valid key. */
    boolean revokeApiKey(String id, long nowMillis);
}
