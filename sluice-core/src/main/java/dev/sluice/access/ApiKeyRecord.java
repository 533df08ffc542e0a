package dev.sluice.access;

import java.util.List;

/**
 * An API key of the HTTP service, as the catalog keeps it: never the key itself, only its hash.
 *
 * @param id the key's public id (the part of the key before its secret), for listing and revoking
 * @param principal who the key speaks for
 * @param groups the groups of that principal
 * @param scopes what the key may do: query, ingest, admin
 * @param createdMillis when it was created
 * @param revokedMillis when it was revoked, 0 while it is valid
 */
public record ApiKeyRecord(
        String id, String principal, List<String> groups, List<String> scopes, long createdMillis, long revokedMillis) {
    public ApiKeyRecord {
        groups = List.copyOf(groups);
        scopes = List.copyOf(scopes);
    }

    public boolean revoked() {
        return revokedMillis != 0;
    }
}
