package dev.sluice.conflict;

import java.util.List;

/**
 * Finds passages that disagree on what a question asks. Implementations are deterministic unless
 * they say otherwise, and thread-safe.
 */
public interface ConflictDetector {
    /**
     * The conflicts among {@code passages} that bear on {@code question}, most relevant first; empty
     * when they agree or do not speak of the same thing. Passages of the same document and version
     * never conflict with each other.
     */
    List<Conflict> find(String question, List<Passage> passages);
}
