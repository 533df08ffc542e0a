package dev.sluice.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex, the one way Sluice names content: document and chunk hashes, cache keys,
 * stored API keys, prompt and evaluation-set fingerprints. Strings are hashed as UTF-8. For content
 * that arrives in pieces (a download, a file read in blocks, a key built of parts) take a digest from
 * {@link #sha256()}, feed it, and finish with {@link #hex(MessageDigest)}. Thread-safe; a digest is
 * not, so each caller takes its own.
 */
public final class Hashing {
    private static final HexFormat HEX = HexFormat.of();

    private Hashing() {}

    /** The SHA-256 of {@code text} in UTF-8, as 64 lower-case hex digits. */
    public static String sha256Hex(String text) {
        return sha256Hex(Checks.notNull("text", text).getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}, as 64 lower-case hex digits. */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(Checks.notNull("bytes", bytes)));
    }

    /** The SHA-256 of a file's bytes, read in blocks (the file is never held in memory whole). */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest);
    }

    /** A new SHA-256 digest, for content hashed as it arrives; finish it with {@link #hex(MessageDigest)}. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform; this JDK lacks it", e);
        }
    }

    /** Completes {@code digest} (which is then reset for reuse) and returns its value in lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HEX.formatHex(digest.digest());
    }
}
