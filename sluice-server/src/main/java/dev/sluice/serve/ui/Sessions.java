package dev.sluice.serve.ui;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sessions, held in the server's memory (a restart signs everyone out). A session is
 * made when a key signs in and names that key by the hash the catalog keeps, never by the key itself.
 * It ends after {@link #IDLE_MILLIS} without a request, {@link #MAX_MILLIS} after sign-in, on sign-out,
 * or at the first request after its key was revoked: the key's record is read again when it was last
 * read longer ago than the API's own trust in a key lasts.
 */
final class Sessions {
    static final String COOKIE = "sluice_session";
    static final long IDLE_MILLIS = 8 * 3600_000L;
    static final long MAX_MILLIS = 12 * 3600_000L;
    /** Sessions held at once; signing in beyond it first drops expired ones, then refuses (never evicts). */
    static final int MAX_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One signed-in browser.
     *
     * @param id the cookie's value: 256 random bits
     * @param keyHash the signed-in key's hash, as the catalog keeps it
     * @param key the key's record as last read
     * @param csrf the token every form of this session carries
     * @param createdMillis sign-in time
     * @param lastSeenMillis the last request's time
     * @param checkedMillis when the key's record was last read
     */
    record Session(
            String id,
            String keyHash,
            ApiKeyRecord key,
            String csrf,
            long createdMillis,
            long lastSeenMillis,
            long checkedMillis) {

        /** Whether {@code presented} is this session's CSRF token (compared in constant time). */
        boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(bytes(csrf), bytes(presented));
        }

        private static byte[] bytes(String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final ApiKeyStore keys;
    private final long recheckMillis;
    private final ConcurrentHashMap<String, Session> open = new ConcurrentHashMap<>();

    /** @param recheckMillis how long a key's record is trusted before it is read again */
    Sessions(ApiKeyStore keys, long recheckMillis) {
        this.keys = keys;
        this.recheckMillis = recheckMillis;
    }

    /** A new session for a key that just signed in, or null when {@link #MAX_SESSIONS} are open. */
    Session open(ApiKeyRecord key, String keyHash, long nowMillis) {
        if (open.size() >= MAX_SESSIONS) {
            open.values().removeIf(s -> expired(s, nowMillis));
            if (open.size() >= MAX_SESSIONS) {
                return null;
            }
        }
        Session s = new Session(token(), keyHash, key, token(), nowMillis, nowMillis, nowMillis);
        open.put(s.id(), s);
        return s;
    }

    /**
     * The live session with this id, its last request now; null when there is none, it expired, or its
     * key is no longer valid (the session then ends).
     */
    Session find(String id, long nowMillis) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        return open.computeIfPresent(id, (k, s) -> {
            if (expired(s, nowMillis)) {
                return null;
            }
            ApiKeyRecord key = s.key();
            long checked = s.checkedMillis();
            if (nowMillis - checked >= recheckMillis) {
                key = keys.apiKeyByHash(s.keyHash());
                if (key == null || key.revoked()) {
                    return null;
                }
                checked = nowMillis;
            }
            return new Session(s.id(), s.keyHash(), key, s.csrf(), s.createdMillis(), nowMillis, checked);
        });
    }

    void close(String id) {
        if (id != null) {
            open.remove(id);
        }
    }

    private static boolean expired(Session s, long nowMillis) {
        return nowMillis - s.lastSeenMillis() > IDLE_MILLIS || nowMillis - s.createdMillis() > MAX_MILLIS;
    }

    /** 256 random bits, URL-safe. */
    static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
