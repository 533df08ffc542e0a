package dev.sluice.access;

import dev.sluice.core.UsageException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * API keys: {@code sk_sluice_<id>_<secret>}, with 8 random bytes of public id and 32 of secret from
 * {@link SecureRandom}. The catalog keeps only the SHA-256 of the whole key: with 256 bits of
 * randomness a plain hash cannot be reversed by guessing, so no slow password hash is needed, and a
 * lookup costs one hash. A key is shown once, when created.
 */
public final class ApiKeys {
    /** What a key may do. */
    public static final Set<String> SCOPES = Set.of("query", "ingest", "admin");

    private static final String PREFIX = "sk_sluice_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A key that was just created: the only time its secret exists outside its holder. */
    public record Created(String key, ApiKeyRecord record) {}

    /** Creates and stores a key; a bad principal, group or scope is a usage error naming the known ones. */
    public static Created create(
            ApiKeyStore catalog, String principal, List<String> groups, List<String> scopes, long now) {
        if (principal == null || principal.isBlank() || principal.contains(",")) {
            throw new UsageException("principal must be a non-empty name without commas, got '" + principal + "'");
        }
        if (scopes.isEmpty()) {
            throw new UsageException("a key needs at least one scope: query, ingest or admin");
        }
        for (String scope : scopes) {
            if (!SCOPES.contains(scope)) {
                throw new UsageException("unknown scope '" + scope + "'; known: admin, ingest, query");
            }
        }
        for (String group : groups) {
            if (group.isBlank() || group.contains(",")) {
                throw new UsageException("group names must be non-empty and without commas, got '" + group + "'");
            }
        }
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String key =
                PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKeyRecord record = new ApiKeyRecord(keyId, principal.strip(), groups, scopes, now, 0);
        catalog.addApiKey(record, hash(key));
        return new Created(key, record);
    }

    /** The valid key a request presents, or null when it presents none that is valid. */
    public static ApiKeyRecord authenticate(ApiKeyStore catalog, String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return null;
        }
        ApiKeyRecord record = catalog.apiKeyByHash(hash(key));
        return record == null || record.revoked() ? null : record;
    }

    /** The hash a store keeps of a key: SHA-256 of its text, in hex. */
    public static String hash(String key) {
        return dev.sluice.core.Hashing.sha256Hex(key);
    }
}
