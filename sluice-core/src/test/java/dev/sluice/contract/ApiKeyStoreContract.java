package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeyStore} must do: keys by hash, revocation once, durable. */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class ApiKeyStoreContract<S extends ApiKeyStore & AutoCloseable> extends StoreFixture<S> {

    @Test
    void should_find_a_key_by_its_hash_only_and_list_every_key() {
        S store = open();
        ApiKeyRecord key = new ApiKeyRecord("id1", "ana", List.of("eng"), List.of("query", "admin"), 1_000, 0);
        store.addApiKey(key, "hash-1");
        store.addApiKey(new ApiKeyRecord("id2", "bob", List.of(), List.of("query"), 2_000, 0), "hash-2");
        assertThat(open().apiKeyByHash("hash-1")).isEqualTo(key);
        assertThat(store.apiKeyByHash("id1")).as("the id is not the hash").isNull();
        assertThat(store.apiKeys()).extracting(ApiKeyRecord::id).containsExactly("id1", "id2");
    }

    @Test
    void should_revoke_a_valid_key_once() {
        S store = open();
        store.addApiKey(new ApiKeyRecord("id1", "ana", List.of(), List.of("query"), 1_000, 0), "hash-1");
        assertThat(store.revokeApiKey("id1", 5_000)).isTrue();
        assertThat(store.revokeApiKey("id1", 6_000)).as("already revoked").isFalse();
        assertThat(store.revokeApiKey("unknown", 6_000)).isFalse();
        ApiKeyRecord revoked = open().apiKeyByHash("hash-1");
        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.revokedMillis()).isEqualTo(5_000);
    }
}
