package dev.sluice.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documents of the knowledge base as near-duplicate detection sees them during one run: exact copies
 * by the hash of their normalized text, near copies by their MinHash signatures in a
 * {@link NearDuplicateIndex}. Loaded from the catalog's signatures at the start of a run; a changed
 * document replaces its entry, a deleted one leaves.
 *
 * <p>Thread-safe: {@link #claim} finds and adds under one lock, so of two copies processed at once
 * exactly one becomes the other's canonical document (the first to be claimed).
 */
public final class DuplicateRegistry {
    /** The earlier document a new one duplicates, with the estimated similarity (1 for an exact copy). */
    public record Canonical(String uri, double similarity) {}

    private final NearDuplicateIndex nearIndex;
    private final Map<String, Long> ids = new HashMap<>();
    private final Map<Long, String> uris = new HashMap<>();
    private final Map<String, String> byContentHash = new HashMap<>();
    private final Map<String, String> contentHashOf = new HashMap<>();
    private long nextId = 1;

    /** A registry that finds near-duplicates down to {@code threshold} (the lowest of all sources' thresholds). */
    public DuplicateRegistry(double threshold) {
        this.nearIndex = new NearDuplicateIndex(threshold, MinHasher.DEFAULT_HASHES);
    }

    /** Adds the documents the catalog knows. */
    public synchronized void load(List<QualityStore.StoredSignature> known) {
        for (QualityStore.StoredSignature s : known) {
            put(s.uri(), s.contentHash(), MinHasher.fromBytes(s.signature()));
        }
    }

    /**
     * The document {@code uri} duplicates, if any at {@code threshold} or above; a document that duplicates
     * none is recorded (replacing its earlier version) so that later documents can duplicate it in turn.
     * Duplicates are not recorded: a family has one entry, its canonical document, so exact copies never
     * crowd one LSH bucket and every copy points at the same canonical document.
     */
    public synchronized Optional<Canonical> claim(String uri, String contentHash, int[] signature, double threshold) {
        remove(uri);
        Optional<Canonical> found = Optional.empty();
        String exact = byContentHash.get(contentHash);
        if (exact != null) {
            found = Optional.of(new Canonical(exact, 1.0));
        } else {
            Optional<DuplicateMatch> near = nearIndex.find(signature);
            if (near.isPresent() && near.get().similarity() >= threshold) {
                found = Optional.of(
                        new Canonical(uris.get(near.get().id()), near.get().similarity()));
            }
        }
        if (found.isEmpty()) {
            put(uri, contentHash, signature);
        }
        return found;
    }

    /** Forgets a document (deleted, or quarantined so that it is not indexed). */
    public synchronized void remove(String uri) {
        Long id = ids.remove(uri);
        if (id == null) {
            return;
        }
        uris.remove(id);
        nearIndex.remove(id);
        String hash = contentHashOf.remove(uri);
        if (hash != null && uri.equals(byContentHash.get(hash))) {
            byContentHash.remove(hash);
        }
    }

    public synchronized int size() {
        return ids.size();
    }

    private void put(String uri, String contentHash, int[] signature) {
        long id = nextId++;
        ids.put(uri, id);
        uris.put(id, uri);
        nearIndex.add(id, signature);
        if (contentHash != null) {
            contentHashOf.put(uri, contentHash);
            byContentHash.putIfAbsent(contentHash, uri);
        }
    }
}
