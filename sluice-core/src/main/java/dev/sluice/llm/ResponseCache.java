package dev.sluice.llm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.sluice.core.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Replies by a SHA-256 of model, prompt version and every input that shapes the reply (messages,
 * temperature, max tokens, schema); a Caffeine cache bounded by count, dropping the least recently
 * and least often used first. Only successful (and, with a schema, valid) replies are kept. In memory,
 * per gateway; with 0 entries nothing is kept or counted. Thread-safe; hits and misses are counted.
 */
final class ResponseCache {
    private final Cache<String, ChatResult> map;

    ResponseCache(int entries) {
        this.map = entries == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(entries)
                        .executor(Runnable::run)
                        .recordStats()
                        .build();
    }

    static String key(String model, ChatRequest r, int maxTokens) {
        MessageDigest sha = Hashing.sha256();
        // Each part is length-prefixed so that no two different inputs can run together into one key.
        part(sha, model);
        part(sha, r.promptVersion());
        part(sha, String.valueOf(r.temperature()));
        part(sha, Integer.toString(maxTokens));
        part(sha, r.schema() == null ? null : r.schema().toString());
        for (ChatMessage m : r.messages()) {
            part(sha, m.role());
            part(sha, m.content());
        }
        return Hashing.hex(sha);
    }

    private static void part(MessageDigest sha, String value) {
        byte[] bytes = value == null ? new byte[] {-1} : value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    ChatResult get(String key) {
        return map == null ? null : map.getIfPresent(key);
    }

    void put(String key, ChatResult result) {
        if (map != null) {
            map.put(key, result);
        }
    }

    /** Lookups answered from the cache and not, so far: {hits, misses}; zeros when caching is off. */
    long[] counts() {
        if (map == null) {
            return new long[2];
        }
        CacheStats stats = map.stats();
        return new long[] {stats.hitCount(), stats.missCount()};
    }
}
