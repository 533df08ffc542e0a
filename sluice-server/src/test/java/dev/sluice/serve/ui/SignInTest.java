package dev.sluice.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions, the sign-in throttle and where a sign-in may lead, without a server. */
class SignInTest {
    /** The key store seam, in memory: the sessions only read records by hash. */
    private static final class Keys implements ApiKeyStore {
        final Map<String, ApiKeyRecord> byHash = new HashMap<>();

        @Override
        public void addApiKey(ApiKeyRecord key, String keyHash) {
            byHash.put(keyHash, key);
        }

        @Override
        public ApiKeyRecord apiKeyByHash(String keyHash) {
            return byHash.get(keyHash);
        }

        @Override
        public List<ApiKeyRecord> apiKeys() {
            return List.copyOf(byHash.values());
        }

        @Override
        public boolean revokeApiKey(String id, long nowMillis) {
            byHash.replaceAll((h, k) -> k.id().equals(id)
                    ? new ApiKeyRecord(k.id(), k.principal(), k.groups(), k.scopes(), k.createdMillis(), nowMillis)
                    : k);
            return true;
        }
    }

    private static final ApiKeyRecord KEY = new ApiKeyRecord("k1", "alice", List.of("a"), List.of("query"), 0, 0);

    @Test
    void should_end_a_session_after_its_idle_time_its_longest_time_or_its_keys_revocation() {
        Keys keys = new Keys();
        keys.addApiKey(KEY, "hash");
        Sessions sessions = new Sessions(keys, 5_000);
        long t = 1_000_000;
        Sessions.Session s = sessions.open(KEY, "hash", t);
        assertThat(s.id()).hasSize(43).isNotEqualTo(s.csrf());
        assertThat(sessions.find(s.id(), t + Sessions.IDLE_MILLIS)).isNotNull();
        assertThat(sessions.find(s.id(), t + 2 * Sessions.IDLE_MILLIS + 1))
                .as("idle too long")
                .isNull();

        Sessions.Session busy = sessions.open(KEY, "hash", t);
        for (long now = t; now <= t + Sessions.MAX_MILLIS; now += 3_600_000) {
            assertThat(sessions.find(busy.id(), now)).isNotNull();
        }
        assertThat(sessions.find(busy.id(), t + Sessions.MAX_MILLIS + 1))
                .as("past the longest time")
                .isNull();

        Sessions.Session revoked = sessions.open(KEY, "hash", t);
        keys.revokeApiKey("k1", t + 1);
        assertThat(sessions.find(revoked.id(), t + 4_999))
                .as("the key is trusted for a while")
                .isNotNull();
        assertThat(sessions.find(revoked.id(), t + 5_000)).as("then read again").isNull();
        assertThat(sessions.find(revoked.id(), t + 5_001))
                .as("and the session is gone")
                .isNull();
    }

    @Test
    void should_compare_the_csrf_token_exactly() {
        Sessions.Session s = new Sessions(new Keys(), 5_000).open(KEY, "hash", 0);
        assertThat(s.csrfMatches(s.csrf())).isTrue();
        assertThat(s.csrfMatches(s.csrf() + "x")).isFalse();
        assertThat(s.csrfMatches(null)).isFalse();
    }

    @Test
    void should_refuse_an_address_after_too_many_failed_sign_ins_until_its_window_ends() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.refusedForSeconds("10.0.0.1", 1_000)).isZero();
            throttle.failed("10.0.0.1", 1_000);
        }
        assertThat(throttle.refusedForSeconds("10.0.0.1", 1_000)).isEqualTo(LoginThrottle.WINDOW_MILLIS / 1000);
        assertThat(throttle.refusedForSeconds("10.0.0.2", 1_000))
                .as("another address")
                .isZero();
        assertThat(throttle.refusedForSeconds("10.0.0.1", 1_000 + LoginThrottle.WINDOW_MILLIS))
                .isZero();
    }

    @Test
    void should_lead_a_sign_in_only_to_a_dashboard_page() {
        assertThat(SignIn.next("/ui/quality?set=a")).isEqualTo("/ui/quality?set=a");
        for (String elsewhere : List.of(
                "https://evil.example/",
                "//evil.example/ui/",
                "/ui//evil",
                "/v1/status",
                "/ui/login",
                "/ui/\\evil",
                "/ui/\r\nX: y")) {
            assertThat(SignIn.next(elsewhere)).as(elsewhere).isEqualTo("/ui/");
        }
        assertThat(SignIn.next(null)).isEqualTo("/ui/");
    }
}
