package dev.sluice.quality;

import dev.sluice.core.Checks;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * MinHash signatures of texts, whose agreement estimates the Jaccard similarity of the texts' sets of
 * word shingles (runs of {@code shingleWords} consecutive words).
 *
 * <p>Normalization: each code point is lower-cased by Unicode's own mapping ({@link
 * Character#toLowerCase(int)}: what {@link Locale#ROOT} gives, never the default locale's, and without
 * the context rules of final sigma); a word is a maximal run of letters and digits ({@link
 * Character#isLetterOrDigit(int)}), so whitespace, line breaks,
 * punctuation and markup symbols never matter, and "12,799" is the two words "12" and "799". A text
 * with fewer words than {@code shingleWords} is one shingle of all its words; a text without any word
 * is one empty shingle, so every text has a signature, and all word-less texts share one.
 *
 * <p>Hashing: each word is hashed to 64 bits (FNV-1a over its code points, then a finalizer), each
 * shingle to 64 bits from its words in order, and hash function {@code i} maps a shingle hash
 * {@code x} to the high 32 bits of {@code a[i] * x + b[i]} (multiply-shift, with odd {@code a[i]}
 * and {@code b[i]} drawn from the seed). The signature keeps the minimum of each function over the
 * shingles. Two texts' signatures are comparable only when made with the same hashes, shingle size
 * and seed: {@link #scheme()} names them, for whoever stores signatures.
 *
 * <p>Why five words by default: shorter shingles are phrases that unrelated texts share, longer ones
 * make every small edit cost more shingles. On the dev part of the labelled sample of real filings,
 * abstracts and web pages (docs/quality.md), 5 words at 0.8 recalled more edited copies than 3, 4, 7 or
 * 9 words at any threshold from 0.6 to 0.95 that flagged as few pages of another year's filing as
 * copies (one of 18); a test keeps it so.
 *
 * <p>Immutable and thread-safe; deterministic for a given seed (no default locale, no clock).
 */
public final class MinHasher {
    /** Hash functions of the default hasher: a Jaccard estimate within about 0.035 (one sigma at 0.8). */
    public static final int DEFAULT_HASHES = 128;

    /** Words per shingle of the default hasher. */
    public static final int DEFAULT_SHINGLE_WORDS = 5;

    /** The fixed seed of the default hasher; changing it makes stored signatures incomparable. */
    public static final long DEFAULT_SEED = 0x51C3_D0C5_5EED_0001L;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int hashes;
    private final int shingleWords;
    private final long seed;
    private final long[] multipliers;
    private final long[] addends;

    /** {@value #DEFAULT_HASHES} hash functions over word {@value #DEFAULT_SHINGLE_WORDS}-shingles, fixed seed. */
    public MinHasher() {
        this(DEFAULT_HASHES, DEFAULT_SHINGLE_WORDS, DEFAULT_SEED);
    }

    /**
     * @param hashes hash functions, the signature's length: 16 to 1024 (more is a finer estimate, paid
     *     in time and memory)
     * @param shingleWords words per shingle, 1 to 32
     * @param seed draws the hash functions; signatures of different seeds are not comparable
     */
    public MinHasher(int hashes, int shingleWords, long seed) {
        this.hashes = Checks.inRange("hashes", hashes, 16, 1024);
        this.shingleWords = Checks.inRange("shingleWords", shingleWords, 1, 32);
        this.seed = seed;
        this.multipliers = new long[hashes];
        this.addends = new long[hashes];
        long state = seed;
        for (int i = 0; i < hashes; i++) {
            state += GOLDEN;
            multipliers[i] = mix(state) | 1L;
            state += GOLDEN;
            addends[i] = mix(state);
        }
    }

    public int hashes() {
        return hashes;
    }

    public int shingleWords() {
        return shingleWords;
    }

    public long seed() {
        return seed;
    }

    /**
     * What makes two signatures comparable, e.g. {@code minhash-v1 hashes=128 shingleWords=5
     * seed=51c3d0c55eed0001}: store it beside stored signatures and compare only like with like.
     */
    public String scheme() {
        return String.format(
                Locale.ROOT, "minhash-v1 hashes=%d shingleWords=%d seed=%016x", hashes, shingleWords, seed);
    }

    /** The signature of {@code text}: {@link #hashes()} values, normalized as described on the class. */
    public int[] signature(String text) {
        long[] shingles = shingleHashes(text);
        int[] signature = new int[hashes];
        Arrays.fill(signature, Integer.MAX_VALUE);
        // Shingle outside, hash function inside: the inner loop has no dependency between iterations,
        // so C2 vectorizes it (64-bit multiplies with AVX-512): 3 to 7 times faster than the other order
        // in a micro-benchmark on the machine of docs/benchmarks.md. The signature is the same either way.
        for (long x : shingles) {
            for (int i = 0; i < hashes; i++) {
                signature[i] = Math.min(signature[i], (int) ((multipliers[i] * x + addends[i]) >>> 32));
            }
        }
        return signature;
    }

    /**
     * The 64-bit hashes of the text's shingles, in text order, repeats included; at least one. The
     * exact Jaccard similarity of two texts is that of these sets (up to 64-bit collisions), which is
     * what tests measure the estimate against.
     */
    long[] shingleHashes(String text) {
        long[] words = wordHashes(Checks.notNull("text", text));
        int n = words.length;
        if (n < shingleWords) {
            long h = GOLDEN * (n + 1);
            for (long w : words) {
                h = h * GOLDEN + w;
            }
            return new long[] {mix(h)};
        }
        long[] shingles = new long[n - shingleWords + 1];
        for (int start = 0; start < shingles.length; start++) {
            long h = GOLDEN * (shingleWords + 1);
            for (int k = start; k < start + shingleWords; k++) {
                h = h * GOLDEN + words[k];
            }
            shingles[start] = mix(h);
        }
        return shingles;
    }

    private static long[] wordHashes(String text) {
        long[] words = new long[Math.max(16, text.length() / 5)];
        int count = 0;
        long h = FNV_OFFSET;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int cp;
            boolean wordChar;
            if (c < 128) { // the common case, without a lookup in Unicode's tables
                i++;
                cp = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
                wordChar = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
            } else {
                cp = Character.toLowerCase(text.codePointAt(i));
                i += Character.charCount(text.codePointAt(i));
                wordChar = Character.isLetterOrDigit(cp);
            }
            if (wordChar) {
                h = (h ^ cp) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                if (count == words.length) {
                    words = Arrays.copyOf(words, count * 2);
                }
                words[count++] = mix(h);
                h = FNV_OFFSET;
                inWord = false;
            }
        }
        if (inWord) {
            if (count == words.length) {
                words = Arrays.copyOf(words, count + 1);
            }
            words[count++] = mix(h);
        }
        return Arrays.copyOf(words, count);
    }

    /** The estimated Jaccard similarity: the share of positions where the two signatures agree. */
    public static double similarity(int[] a, int[] b) {
        return (double) matches(a, b) / a.length;
    }

    /** Positions where the signatures agree; they must have the same length. */
    static int matches(int[] a, int[] b) {
        Checks.notNull("a", a);
        Checks.notNull("b", b);
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "signatures must be non-empty and of the same length (made by the same MinHasher settings),"
                            + " got %d and %d",
                    a.length,
                    b.length));
        }
        int matches = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                matches++;
            }
        }
        return matches;
    }

    /** The signature as bytes, four big-endian bytes a hash, for storing (e.g. in the catalog). */
    public static byte[] toBytes(int[] signature) {
        Checks.notNull("signature", signature);
        ByteBuffer buffer = ByteBuffer.allocate(signature.length * Integer.BYTES);
        buffer.asIntBuffer().put(signature);
        return buffer.array();
    }

    /** The signature {@link #toBytes} wrote. */
    public static int[] fromBytes(byte[] bytes) {
        Checks.notNull("bytes", bytes);
        if (bytes.length == 0 || bytes.length % Integer.BYTES != 0) {
            throw new IllegalArgumentException("bytes must hold a whole, non-zero number of 4-byte hashes, got "
                    + bytes.length + " bytes; were they written by MinHasher.toBytes?");
        }
        int[] signature = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).asIntBuffer().get(signature);
        return signature;
    }

    /** A 64-bit finalizer (MurmurHash3's fmix64): every input bit affects every output bit. */
    static long mix(long z) {
        z ^= z >>> 33;
        z *= 0xff51afd7ed558ccdL;
        z ^= z >>> 33;
        z *= 0xc4ceb9fe1a85ec53L;
        z ^= z >>> 33;
        return z;
    }
}
