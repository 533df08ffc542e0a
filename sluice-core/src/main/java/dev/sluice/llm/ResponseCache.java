package dev.sluice.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replies by a SHA-256 of model, prompt version and every input that shapes the reply (messages,
 * temperature, max tokens, schema); least recently used entries go first. Only successful (and, with a
 * schema, valid) replies are kept. In memory, per gateway. Thread-safe.
 */
final class ResponseCache {
    private final int entries;
    private final Map<String, ChatResult> map;

    ResponseCache(int entries) {
        this.entries = entries;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ChatResult> eldest) {
                return size() > ResponseCache.this.entries;
            }
        };
    }

    static String key(String model, ChatRequest r, int maxTokens) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
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
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void part(MessageDigest sha, String value) {
        byte[] bytes = value == null ? new byte[] {-1} : value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) ':');
        sha.update(bytes);
    }

    synchronized ChatResult get(String key) {
        return entries == 0 ? null : map.get(key);
    }

    synchronized void put(String key, ChatResult result) {
        if (entries > 0) {
            map.put(key, result);
        }
    }
}
