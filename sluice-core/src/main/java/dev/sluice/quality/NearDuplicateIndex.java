package dev.sluice.quality;

import dev.sluice.core.Checks;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Near-duplicate search over MinHash signatures in memory, by locality-sensitive hashing: a
 * signature is cut into {@link #bands()} bands of {@link #rows()} hashes; two signatures that agree on
 * every hash of at least one band are candidates, and a candidate is a match when its signature's
 * estimated similarity over all hashes reaches the threshold. A pair of Jaccard similarity {@code s}
 * becomes a candidate with probability {@code 1 - (1 - s^rows)^bands}; the constructor takes the
 * largest {@code rows} for which that is at least 0.99 at the threshold, which keeps candidates from
 * unrelated entries rare.
 *
 * <p>Memory is primitive arrays only, no object per entry: signatures in pages of one int array each
 * (pages of at most 256 KiB, under half a G1 region, so none is a humongous object), ids in pages
 * of longs, for each band an open-addressing table of the slot heading each chain of entries that
 * share that band, and one chain link per band and entry. With 128 hashes and threshold 0.8 an entry
 * costs about 800 bytes (512 of them its signature); {@link #approximateBytes()} counts the arrays.
 * Removed entries' slots are reused.
 *
 * <p>Thread-safe: {@link #find} runs concurrently under a read lock; {@link #add} and {@link
 * #remove} take the write lock.
 *
 * <p>Trap: entries with equal signatures (exact copies) share every chain, and {@code find} reads
 * each of them. Add canonical entries, not every copy, or a text copied a thousand times makes its
 * own search a thousand comparisons.
 */
public final class NearDuplicateIndex {
    /** The default threshold: an estimated Jaccard similarity of word 5-shingles (docs/quality.md). */
    public static final double DEFAULT_THRESHOLD = 0.8;

    /** The least probability that a pair at exactly the threshold becomes a candidate. */
    static final double CANDIDATE_PROBABILITY_AT_THRESHOLD = 0.99;

    private static final int NONE = -1;
    private static final int PAGE_INTS = 64 * 1024;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final double threshold;
    private final int hashes;
    private final int rows;
    private final int bands;
    private final int minMatches;
    private final int pageShift;
    private final int pageMask;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Everything below is guarded by lock.
    private int[][] signaturePages = new int[0][];
    private long[][] idPages = new long[0][];
    private int[][] linkPages = new int[0][];
    private int slotsUsed;
    private int[] freeSlots = new int[16];
    private int freeCount;
    private final SlotsById slotsById = new SlotsById();
    private final int[][] heads;
    private final int[] headsUsed;

    /**
     * @param threshold the least estimated Jaccard similarity that counts as a near-duplicate, 0.5 to
     *     1.0 ({@value #DEFAULT_THRESHOLD} is the default; 1.0 finds exact copies only)
     * @param hashes the signatures' length, that of the {@link MinHasher} that makes them
     */
    public NearDuplicateIndex(double threshold, int hashes) {
        if (!(threshold >= 0.5 && threshold <= 1.0)) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "threshold must be between 0.5 and 1.0 (an estimated Jaccard similarity; %s is the"
                            + " default), got %s",
                    DEFAULT_THRESHOLD,
                    threshold));
        }
        this.threshold = threshold;
        this.hashes = Checks.inRange("hashes", hashes, 16, 1024);
        this.rows = rowsFor(threshold, hashes);
        this.bands = hashes / rows;
        this.minMatches = (int) Math.ceil(threshold * hashes - 1e-9);
        int pageSlots = Integer.highestOneBit(Math.max(1, PAGE_INTS / hashes));
        this.pageShift = Integer.numberOfTrailingZeros(pageSlots);
        this.pageMask = pageSlots - 1;
        this.heads = new int[bands][];
        this.headsUsed = new int[bands];
        for (int b = 0; b < bands; b++) {
            heads[b] = new int[16];
            Arrays.fill(heads[b], NONE);
        }
    }

    /** The largest rows a band for which a pair at {@code threshold} is a candidate with probability >= 0.99. */
    static int rowsFor(double threshold, int hashes) {
        int best = 1;
        for (int r = 1; r <= hashes; r++) {
            if (candidateProbability(threshold, r, hashes / r) >= CANDIDATE_PROBABILITY_AT_THRESHOLD) {
                best = r;
            }
        }
        return best;
    }

    private static double candidateProbability(double similarity, int rows, int bands) {
        return 1 - Math.pow(1 - Math.pow(similarity, rows), bands);
    }

    /** The probability that a pair of this Jaccard similarity becomes a candidate (is looked at at all). */
    public double candidateProbability(double similarity) {
        return candidateProbability(similarity, rows, bands);
    }

    public double threshold() {
        return threshold;
    }

    public int hashes() {
        return hashes;
    }

    public int bands() {
        return bands;
    }

    public int rows() {
        return rows;
    }

    /**
     * The entry most similar to {@code signature} among those whose estimated similarity reaches the
     * threshold (ties: the lowest id), or empty.
     */
    public Optional<DuplicateMatch> find(int[] signature) {
        checkSignature(signature);
        lock.readLock().lock();
        try {
            int[] candidates = new int[16];
            int count = 0;
            for (int b = 0; b < bands; b++) {
                int pos = chainPosition(b, signature, b * rows);
                if (pos < 0) {
                    continue;
                }
                for (int slot = heads[b][pos]; slot != NONE; slot = link(slot, b)) {
                    if (count == candidates.length) {
                        candidates = Arrays.copyOf(candidates, count * 2);
                    }
                    candidates[count++] = slot;
                }
            }
            Arrays.sort(candidates, 0, count);
            long bestId = 0;
            int bestMatches = -1;
            for (int i = 0; i < count; i++) {
                int slot = candidates[i];
                if (i > 0 && candidates[i - 1] == slot) {
                    continue;
                }
                int matches = matchesAtLeast(slot, signature);
                if (matches < 0) {
                    continue;
                }
                long id = idPages[slot >>> pageShift][slot & pageMask];
                if (matches > bestMatches || (matches == bestMatches && id < bestId)) {
                    bestMatches = matches;
                    bestId = id;
                }
            }
            return bestMatches < 0
                    ? Optional.empty()
                    : Optional.of(new DuplicateMatch(bestId, (double) bestMatches / hashes));
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Adds {@code signature} under {@code id}, replacing the entry that id had. The array is copied.
     */
    public void add(long id, int[] signature) {
        checkSignature(signature);
        lock.writeLock().lock();
        try {
            int existing = slotsById.remove(id);
            if (existing != SlotsById.ABSENT) {
                release(existing);
            }
            int slot = allocate();
            int page = slot >>> pageShift;
            int offset = slot & pageMask;
            System.arraycopy(signature, 0, signaturePages[page], offset * hashes, hashes);
            idPages[page][offset] = id;
            for (int b = 0; b < bands; b++) {
                linkIn(slot, b);
            }
            slotsById.put(id, slot);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the entry of {@code id}; false when there was none. */
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            int slot = slotsById.remove(id);
            if (slot == SlotsById.ABSENT) {
                return false;
            }
            release(slot);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Entries in the index. */
    public int size() {
        lock.readLock().lock();
        try {
            return slotsById.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The bytes of the index's arrays (allocated capacity, object headers left out). */
    public long approximateBytes() {
        lock.readLock().lock();
        try {
            long pageSlots = pageMask + 1L;
            long perPage =
                    pageSlots * hashes * Integer.BYTES + pageSlots * Long.BYTES + pageSlots * bands * Integer.BYTES;
            long pages = (slotsUsed + pageSlots - 1) / pageSlots;
            long bytes = pages * perPage + (long) freeSlots.length * Integer.BYTES;
            for (int[] table : heads) {
                bytes += (long) table.length * Integer.BYTES;
            }
            return bytes + slotsById.bytes();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkSignature(int[] signature) {
        Checks.notNull("signature", signature);
        if (signature.length != hashes) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "signature has %d hashes, this index takes %d; make signatures with a MinHasher of %d hashes",
                    signature.length,
                    hashes,
                    hashes));
        }
    }

    /** Matches between the slot's signature and {@code signature}, or -1 once the threshold is out of reach. */
    private int matchesAtLeast(int slot, int[] signature) {
        int[] page = signaturePages[slot >>> pageShift];
        int base = (slot & pageMask) * hashes;
        int allowedMisses = hashes - minMatches;
        int misses = 0;
        for (int i = 0; i < hashes; i++) {
            if (page[base + i] != signature[i] && ++misses > allowedMisses) {
                return -1;
            }
        }
        return hashes - misses;
    }

    private int link(int slot, int band) {
        return linkPages[slot >>> pageShift][(slot & pageMask) * bands + band];
    }

    private void setLink(int slot, int band, int next) {
        linkPages[slot >>> pageShift][(slot & pageMask) * bands + band] = next;
    }

    /**
     * The position in band {@code b}'s table of the chain whose band equals {@code values[from ..
     * from + rows)}, or {@code -(free position) - 1} when there is none.
     */
    private int chainPosition(int b, int[] values, int from) {
        int[] table = heads[b];
        int mask = table.length - 1;
        for (int pos = bandHash(values, from, b) & mask; ; pos = (pos + 1) & mask) {
            int head = table[pos];
            if (head == NONE) {
                return -pos - 1;
            }
            int[] page = signaturePages[head >>> pageShift];
            if (Arrays.equals(
                    page,
                    (head & pageMask) * hashes + b * rows,
                    (head & pageMask) * hashes + (b + 1) * rows,
                    values,
                    from,
                    from + rows)) {
                return pos;
            }
        }
    }

    private int bandHash(int[] values, int from, int b) {
        long h = (b + 1) * GOLDEN;
        for (int i = from; i < from + rows; i++) {
            h = (h ^ values[i]) * GOLDEN;
        }
        return (int) MinHasher.mix(h);
    }

    private int homeOf(int slot, int b, int mask) {
        return bandHash(signaturePages[slot >>> pageShift], (slot & pageMask) * hashes + b * rows, b) & mask;
    }

    private void linkIn(int slot, int b) {
        int[] page = signaturePages[slot >>> pageShift];
        int pos = chainPosition(b, page, (slot & pageMask) * hashes + b * rows);
        if (pos >= 0) {
            setLink(slot, b, heads[b][pos]);
            heads[b][pos] = slot;
            return;
        }
        setLink(slot, b, NONE);
        heads[b][-pos - 1] = slot;
        if (++headsUsed[b] * 2L > heads[b].length) {
            growTable(b);
        }
    }

    private void release(int slot) {
        for (int b = 0; b < bands; b++) {
            unlink(slot, b);
        }
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    private void unlink(int slot, int b) {
        int[] table = heads[b];
        int pos = chainPosition(b, signaturePages[slot >>> pageShift], (slot & pageMask) * hashes + b * rows);
        int previous = NONE;
        int current = table[pos];
        while (current != slot) {
            previous = current;
            current = link(current, b);
        }
        int next = link(slot, b);
        if (previous != NONE) {
            setLink(previous, b, next);
        } else if (next != NONE) {
            table[pos] = next;
        } else {
            deleteAt(b, pos);
        }
    }

    /** Empties a table position, shifting later entries of its run back where their home allows. */
    private void deleteAt(int b, int pos) {
        int[] table = heads[b];
        int mask = table.length - 1;
        int hole = pos;
        for (int next = (hole + 1) & mask; table[next] != NONE; next = (next + 1) & mask) {
            int home = homeOf(table[next], b, mask);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                table[hole] = table[next];
                hole = next;
            }
        }
        table[hole] = NONE;
        headsUsed[b]--;
    }

    private void growTable(int b) {
        int[] old = heads[b];
        int[] table = new int[old.length * 2];
        Arrays.fill(table, NONE);
        int mask = table.length - 1;
        for (int head : old) {
            if (head != NONE) {
                int pos = homeOf(head, b, mask);
                while (table[pos] != NONE) {
                    pos = (pos + 1) & mask;
                }
                table[pos] = head;
            }
        }
        heads[b] = table;
    }

    private int allocate() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == Integer.MAX_VALUE) {
            throw new IllegalStateException("the index is full at " + slotsUsed + " entries");
        }
        int slot = slotsUsed++;
        int page = slot >>> pageShift;
        if (page == signaturePages.length) {
            int pages = Math.max(4, page * 2);
            signaturePages = Arrays.copyOf(signaturePages, pages);
            idPages = Arrays.copyOf(idPages, pages);
            linkPages = Arrays.copyOf(linkPages, pages);
        }
        if (signaturePages[page] == null) {
            int pageSlots = pageMask + 1;
            signaturePages[page] = new int[pageSlots * hashes];
            idPages[page] = new long[pageSlots];
            linkPages[page] = new int[pageSlots * bands];
        }
        return slot;
    }
}
