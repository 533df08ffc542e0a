package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ranked documents of one query, best first, each document once. Immutable.
 *
 * <p>{@link #byScore} orders the way trec_eval does, so that metric values match it exactly: by
 * score descending, then, for equal scores, by document id in <em>decreasing</em> order
 * (trec_eval's {@code comp_sim_docno} returns {@code strcmp(docno2, docno1)}), comparing ids by
 * Unicode code point, which is the byte order {@code strcmp} sees in UTF-8. The rank a retriever
 * gave is ignored, as trec_eval ignores the rank column of a run file.
 *
 * <p>A ranking made from chunk hits may also carry {@linkplain #evidenceRanks evidence ranks}: for
 * each evidence item of the query (a judged page or passage, in {@link EvalSet#evidence(String)}
 * order), the rank of the first chunk that covers it. The page metrics read them; the document
 * metrics never do.
 */
public final class Ranking {
    /** Score descending, then document id descending by code point: trec_eval's order. */
    public static final Comparator<ScoredDoc> TREC_EVAL_ORDER = (a, b) -> {
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : compareCodePoints(b.docId(), a.docId());
    };

    private static final Ranking EMPTY = new Ranking(List.of(), new int[0]);

    private final List<ScoredDoc> docs;
    private final int[] evidenceRanks;

    private Ranking(List<ScoredDoc> docs, int[] evidenceRanks) {
        this.docs = List.copyOf(docs);
        this.evidenceRanks = evidenceRanks;
    }

    private Ranking(List<ScoredDoc> docs) {
        this(docs, new int[0]);
    }

    /**
     * Sorts the hits as trec_eval does (see the class notes). A document listed more than once keeps
     * only its first place after sorting, that is its highest score; trec_eval instead rejects such a
     * run ("duplicate docs").
     */
    public static Ranking byScore(List<ScoredDoc> hits) {
        List<ScoredDoc> sorted = new ArrayList<>(Checks.notNull("hits", hits));
        sorted.sort(TREC_EVAL_ORDER);
        return new Ranking(firstOccurrences(sorted));
    }

    /**
     * Takes the documents in the given order, best first, without looking at scores; a repeated id
     * keeps its first place. Scores are set to {@code size - index}, so that {@link #byScore} on
     * {@link #docs()} gives the same order back.
     */
    public static Ranking inOrder(List<String> docIds) {
        Checks.notNull("docIds", docIds);
        Set<String> seen = new HashSet<>();
        List<String> unique = new ArrayList<>();
        for (String id : docIds) {
            if (seen.add(Checks.notNull("docId", id))) {
                unique.add(id);
            }
        }
        List<ScoredDoc> docs = new ArrayList<>(unique.size());
        for (int i = 0; i < unique.size(); i++) {
            docs.add(new ScoredDoc(unique.get(i), unique.size() - i));
        }
        return new Ranking(docs);
    }

    /** A query for which nothing was retrieved; it scores 0 on every metric. */
    public static Ranking empty() {
        return EMPTY;
    }

    /** The documents, best first. */
    public List<ScoredDoc> docs() {
        return docs;
    }

    /**
     * This ranking with the chunk ranks at which the query's evidence items were first covered.
     *
     * @param ranks one per evidence item, in the set's order: the 1-based rank of the first retrieved chunk
     *     covering it, or 0 when no retrieved chunk does
     */
    public Ranking withEvidenceRanks(int... ranks) {
        int[] copy = Checks.notNull("ranks", ranks).clone();
        for (int r : copy) {
            if (r < 0) {
                throw new IllegalArgumentException("evidence ranks must be >= 0 (0: not covered), got " + r);
            }
        }
        return new Ranking(docs, copy);
    }

    /**
     * For each evidence item of the query, the 1-based rank of the first retrieved chunk covering it (0:
     * none); empty when the ranking was made without evidence.
     */
    public int[] evidenceRanks() {
        return evidenceRanks.clone();
    }

    /** The document ids, best first. */
    public List<String> docIds() {
        return docs.stream().map(ScoredDoc::docId).toList();
    }

    public int size() {
        return docs.size();
    }

    /**
     * Compares by Unicode code point, the order of {@code strcmp} on UTF-8 bytes; {@link
     * String#compareTo} compares UTF-16 units, which differs for characters beyond U+FFFF.
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static List<ScoredDoc> firstOccurrences(List<ScoredDoc> sorted) {
        Set<String> seen = new HashSet<>();
        List<ScoredDoc> unique = new ArrayList<>(sorted.size());
        for (ScoredDoc d : sorted) {
            if (seen.add(d.docId())) {
                unique.add(d);
            }
        }
        return unique;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ranking other
                && docs.equals(other.docs)
                && Arrays.equals(evidenceRanks, other.evidenceRanks);
    }

    @Override
    public int hashCode() {
        return 31 * docs.hashCode() + Arrays.hashCode(evidenceRanks);
    }

    @Override
    public String toString() {
        return "Ranking" + docs + (evidenceRanks.length > 0 ? " evidenceRanks" + Arrays.toString(evidenceRanks) : "");
    }
}
