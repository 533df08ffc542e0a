package dev.sluice.lineage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The OpenLineage run id of a catalog run: a UUID version 7 (what the spec recommends) whose time is the
 * run's start and whose other bits come from a hash of the index folder and the run's number. So the same
 * run always gets the same id (a START and its COMPLETE agree, a later re-send matches), runs sort by time,
 * and run 7 of two knowledge bases differ.
 */
public final class LineageRunId {
    private LineageRunId() {}

    /** The id of run {@code catalogRunId} of the index at {@code index}, started at {@code startedMillis}. */
    public static UUID of(Path index, long catalogRunId, long startedMillis) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest((index.toAbsolutePath().normalize() + "\n" + catalogRunId)
                            .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        long randA = ((hash[0] & 0x0FL) << 8) | (hash[1] & 0xFFL); // 12 bits
        long high = ((startedMillis & 0xFFFF_FFFF_FFFFL) << 16) | (0x7L << 12) | randA;
        long low = 0;
        for (int i = 2; i < 10; i++) {
            low = (low << 8) | (hash[i] & 0xFFL);
        }
        low = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // the IETF variant
        return new UUID(high, low);
    }
}
