package dev.sluice.chunk;

import java.text.BreakIterator;
import java.text.StringCharacterIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cuts the blocks of one document into {@link Unit}s no bigger than the token limit: a block that
 * fits stays whole; otherwise sentences; a sentence too big becomes words; a word too big (or a run
 * longer than {@link #WINDOW_CHARS} with no whitespace) becomes pieces cut at token boundaries.
 *
 * <p>Cost: every character is tokenized about once. Token offsets are taken over windows of at most
 * {@link #WINDOW_CHARS} characters cut at whitespace, and the count of any sentence or word is read
 * from them by binary search, never by tokenizing again. Long runs are cut into pieces whose count
 * is asked of the counter for exactly the piece text, so a chunk made of one such piece needs no
 * second count. One instance per {@code chunk(...)} call; not thread-safe. Not API.
 */
final class UnitSegmenter {
    /**
     * Largest text handed to {@link TokenCounter#tokenEndOffsets}: bounds the memory of one call and
     * the cost of mapping code-point offsets back to UTF-16 offsets.
     */
    static final int WINDOW_CHARS = 2048;

    /**
     * The window for text with surrogate pairs (emoji, rare CJK): mapping offsets back costs the
     * counter time in proportion to tokens times window length there.
     */
    static final int SURROGATE_WINDOW_CHARS = 512;

    private final String text;
    private final TokenCounter counter;
    private final int maxTokens;
    private final BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
    /** Characters per token seen in the last long run: the first guess for the next piece. */
    private double charsPerToken = 3.0;

    UnitSegmenter(String text, TokenCounter counter, int maxTokens) {
        this.text = text;
        this.counter = counter;
        this.maxTokens = maxTokens;
    }

    /**
     * Appends the units of block {@code [start, end)} (already trimmed) to {@code out}.
     *
     * @return the block's token end offsets when the block became one {@link Unit.Kind#BLOCK} unit
     *     (used later to find sentence starts for overlap), otherwise {@code null}
     */
    int[] segmentBlock(int start, int end, int block, List<Unit> out) {
        TokenEnds ends = tokenEnds(start, end);
        if (ends.runs.isEmpty() && ends.size <= maxTokens) {
            out.add(new Unit(start, end, ends.size, ends.exactFor(start, end), Unit.Kind.BLOCK, block));
            return ends.toArray();
        }
        sentences.setText(new StringCharacterIterator(text, start, end, start));
        int from = sentences.first();
        for (int to = sentences.next(); to != BreakIterator.DONE; from = to, to = sentences.next()) {
            int s = skipBlank(from, to);
            int e = trimEnd(s, to);
            if (s >= e) {
                continue;
            }
            if (!ends.touchesRun(s, e)) {
                int tokens = ends.count(s, e);
                if (tokens <= maxTokens) {
                    out.add(new Unit(s, e, tokens, ends.exactFor(s, e), Unit.Kind.SENTENCE, block));
                    continue;
                }
            }
            segmentWords(s, e, block, ends, out);
        }
        return null;
    }

    private void segmentWords(int start, int end, int block, TokenEnds ends, List<Unit> out) {
        int p = start;
        while (p < end) {
            p = skipBlank(p, end);
            if (p >= end) {
                break;
            }
            int q = p;
            while (q < end && !isBlank(text.charAt(q))) {
                q++;
            }
            if (ends.touchesRun(p, q) || ends.count(p, q) > maxTokens) {
                splitRun(p, q, block, out);
            } else {
                out.add(new Unit(p, q, ends.count(p, q), ends.exactFor(p, q), Unit.Kind.WORD, block));
            }
            p = q;
        }
    }

    /**
     * Cuts {@code [start, end)} into pieces of at most {@code maxTokens}, each counted exactly. A piece
     * is first guessed from the characters-per-token of the run so far (aiming at 90% of the limit);
     * when the guess holds too many tokens it is cut after its {@code maxTokens}-th token and counted
     * again until it fits. Blank characters at piece edges are trimmed, so this also splits a unit of
     * any kind that proved too big.
     */
    List<Unit> splitRun(int start, int end, int block, List<Unit> out) {
        int aim = Math.max(1, maxTokens - maxTokens / 10);
        int p = skipBlank(start, end);
        boolean retried = false;
        while (p < end) {
            long guess = Math.max(1L, (long) Math.ceil(aim * charsPerToken));
            int e = trimEnd(p, codePointSafe(p, (int) Math.min(end, p + guess), end));
            int[] offsets = counter.tokenEndOffsets(text.substring(p, e));
            while (offsets.length > maxTokens) {
                int cut = codePointSafe(p, p + offsets[maxTokens - 1], end);
                if (cut >= e) {
                    cut = codePointSafe(p, e - 1, end);
                }
                if (cut <= p) {
                    throw new IllegalStateException(String.format(
                            Locale.ROOT,
                            "cannot fit text at offset %d into chunking.maxTokens=%d: one character alone is %d tokens;"
                                    + " raise chunking.maxTokens",
                            p,
                            maxTokens,
                            offsets.length));
                }
                e = trimEnd(p, cut);
                offsets = counter.tokenEndOffsets(text.substring(p, e));
            }
            int tokens = offsets.length;
            double measured = Math.min(1e6, Math.max(0.25, (e - p) / (double) Math.max(1, tokens)));
            if (!retried && e < end && tokens < aim / 2) {
                charsPerToken = measured;
                retried = true; // the guess was far too short: guess again once with the measured ratio
                continue;
            }
            // Follow denser text at once and sparser text slowly: a guess that holds too many tokens
            // costs a second call to the counter, one that holds too few only a smaller chunk.
            charsPerToken = retried || measured < charsPerToken ? measured : 0.9 * charsPerToken + 0.1 * measured;
            out.add(new Unit(p, e, tokens, true, Unit.Kind.PIECE, block));
            retried = false;
            p = skipBlank(e, end);
        }
        return out;
    }

    /** Token end offsets of {@code [start, end)}, by windows cut at whitespace. */
    private TokenEnds tokenEnds(int start, int end) {
        TokenEnds ends = new TokenEnds();
        int p = start;
        while (p < end) {
            p = skipBlank(p, end);
            if (p >= end) {
                break;
            }
            int runEnd = p;
            int probe = Math.min(end, p + WINDOW_CHARS + 1);
            while (runEnd < probe && !isBlank(text.charAt(runEnd))) {
                runEnd++;
            }
            if (runEnd - p > WINDOW_CHARS) {
                while (runEnd < end && !isBlank(text.charAt(runEnd))) {
                    runEnd++;
                }
                ends.addRun(p, runEnd); // counted later, piece by piece, by splitRun
                p = runEnd;
                continue;
            }
            int q = Math.min(
                    end,
                    p + (hasSurrogate(p, Math.min(end, p + WINDOW_CHARS)) ? SURROGATE_WINDOW_CHARS : WINDOW_CHARS));
            if (q < end && !isBlank(text.charAt(q))) {
                int w = q;
                while (w > p && !isBlank(text.charAt(w - 1))) {
                    w--; // back to the start of the word that the window would cut
                }
                q = w > p ? trimEnd(p, w) : runEnd; // or the whole first word, at most WINDOW_CHARS
            }
            ends.addWindow(p, q, counter.tokenEndOffsets(text.substring(p, q)));
            p = q;
        }
        return ends;
    }

    private boolean hasSurrogate(int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    int skipBlank(int from, int to) {
        while (from < to && isBlank(text.charAt(from))) {
            from++;
        }
        return from;
    }

    int trimEnd(int from, int to) {
        while (to > from && isBlank(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    /** {@code at} clamped to {@code (from, limit]} and moved off the middle of a surrogate pair. */
    private int codePointSafe(int from, int at, int limit) {
        at = Math.min(at, limit);
        if (at > from
                && at < text.length()
                && Character.isLowSurrogate(text.charAt(at))
                && Character.isHighSurrogate(text.charAt(at - 1))) {
            at = at - 1 > from ? at - 1 : at + 1;
        }
        return Math.min(at, limit);
    }

    /** Blank as in {@link String#strip()}: chunks never start or end with such a character. */
    static boolean isBlank(char c) {
        return Character.isWhitespace(c);
    }

    /** Absolute token end offsets, non-decreasing, plus the long runs that were left out. */
    private static final class TokenEnds {
        private int[] ends = new int[16];
        private int size;
        private final List<int[]> runs = new ArrayList<>();
        private int windows;
        private int firstStart = -1;
        private int firstEnd = -1;

        void addWindow(int start, int end, int[] relative) {
            if (windows++ == 0) {
                firstStart = start;
                firstEnd = end;
            }
            if (size + relative.length > ends.length) {
                ends = Arrays.copyOf(ends, Math.max(size + relative.length, ends.length * 2));
            }
            int last = size == 0 ? start : ends[size - 1];
            for (int r : relative) {
                last = Math.max(last, start + Math.min(Math.max(r, 0), end - start));
                ends[size++] = last;
            }
        }

        void addRun(int start, int end) {
            runs.add(new int[] {start, end});
        }

        /** Whether the counter was asked about exactly {@code [start, end)}. */
        boolean exactFor(int start, int end) {
            return windows == 1 && runs.isEmpty() && firstStart == start && firstEnd == end;
        }

        /** Tokens ending in {@code (start, end]}. */
        int count(int start, int end) {
            return upTo(end) - upTo(start);
        }

        private int upTo(int offset) {
            return countEndsUpTo(ends, size, offset);
        }

        boolean touchesRun(int start, int end) {
            int lo = 0;
            int hi = runs.size();
            while (lo < hi) { // first run ending after start
                int mid = (lo + hi) >>> 1;
                if (runs.get(mid)[1] <= start) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < runs.size() && runs.get(lo)[0] < end;
        }

        int[] toArray() {
            return Arrays.copyOf(ends, size);
        }
    }

    /** How many of the first {@code size} sorted token ends are at or before {@code offset}. */
    static int countEndsUpTo(int[] ends, int size, int offset) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
