package dev.sluice.eval;

import dev.sluice.core.Checks;
import dev.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments: query id to (document id to integer grade), as in a TREC or BEIR qrels file.
 * Immutable.
 *
 * <p>A grade {@code > 0} is relevant and is the gain nDCG uses; a grade {@code <= 0} is judged
 * non-relevant (trec_eval's default {@code -l 1}). A document with no judgment counts as
 * non-relevant, as trec_eval counts it without {@code -J}. A query listed here with only
 * non-relevant judgments still counts in averages, with 0 for every metric (as in trec_eval).
 *
 * <p>Each judgment remembers the file and line it came from, so that {@link #checkDocumentIds} can
 * name them.
 */
public final class Qrels {
    /**
     * One judgment and where it was read.
     *
     * @param queryId the query
     * @param docId the document (an id or a URI)
     * @param grade the relevance grade; {@code <= 0} is non-relevant
     * @param file the file it was read from, or {@code "(memory)"} for judgments built in code
     * @param line the 1-based line in that file, or 0 for judgments built in code
     */
    public record Judgment(String queryId, String docId, int grade, String file, int line) {
        public Judgment {
            Checks.notNull("queryId", queryId);
            Checks.notNull("docId", docId);
            Checks.notNull("file", file);
        }

        String location() {
            return line > 0 ? file + " line " + line : file;
        }
    }

    private final List<Judgment> judgments;
    private final Map<String, Map<String, Integer>> grades;

    private Qrels(List<Judgment> judgments) {
        this.judgments = List.copyOf(judgments);
        Map<String, Map<String, Integer>> byQuery = new LinkedHashMap<>();
        Map<String, Judgment> seen = new LinkedHashMap<>();
        for (Judgment j : this.judgments) {
            Judgment first = seen.putIfAbsent(j.queryId() + '\u0000' + j.docId(), j);
            if (first != null) {
                throw new SluiceException(String.format(
                        Locale.ROOT,
                        "%s: duplicate judgment for query '%s' and document '%s' (first at %s);"
                                + " keep one line per pair",
                        j.location(),
                        j.queryId(),
                        j.docId(),
                        first.location()));
            }
            byQuery.computeIfAbsent(j.queryId(), q -> new LinkedHashMap<>()).put(j.docId(), j.grade());
        }
        Map<String, Map<String, Integer>> frozen = new LinkedHashMap<>();
        byQuery.forEach((q, docs) -> frozen.put(q, Collections.unmodifiableMap(docs)));
        this.grades = Collections.unmodifiableMap(frozen);
    }

    /**
     * Qrels from judgments in the given order (queries keep the order of their first judgment).
     *
     * @throws SluiceException when a (query, document) pair is judged twice, naming both places
     */
    public static Qrels of(List<Judgment> judgments) {
        return new Qrels(Checks.notNull("judgments", judgments));
    }

    /** Qrels built in code: query id to (document id to grade), in the maps' iteration order. */
    public static Qrels fromGrades(Map<String, Map<String, Integer>> grades) {
        List<Judgment> list = new ArrayList<>();
        Checks.notNull("grades", grades)
                .forEach((q, docs) -> docs.forEach((d, g) -> list.add(new Judgment(q, d, g, "(memory)", 0))));
        return new Qrels(list);
    }

    /** The judged query ids, in the order of their first judgment. */
    public Set<String> queryIds() {
        return grades.keySet();
    }

    /** Whether the query has at least one judgment (relevant or not). */
    public boolean contains(String queryId) {
        return grades.containsKey(queryId);
    }

    /** Document id to grade for one query; empty when the query has no judgments. */
    public Map<String, Integer> judgments(String queryId) {
        return grades.getOrDefault(queryId, Map.of());
    }

    /** The number of documents judged relevant (grade {@code > 0}) for the query. */
    public int relevantCount(String queryId) {
        return (int) judgments(queryId).values().stream().filter(g -> g > 0).count();
    }

    /** Every judgment in reading order, with its file and line. */
    public List<Judgment> all() {
        return judgments;
    }

    /** These qrels restricted to the given queries, keeping their order here. */
    public Qrels restrictTo(Set<String> queryIds) {
        return new Qrels(
                judgments.stream().filter(j -> queryIds.contains(j.queryId())).toList());
    }

    /**
     * Fails when a judgment names a document that is not in {@code knownDocIds}, naming the file and
     * line of the first such judgment and how many there are. Judgments of every grade are checked: a
     * non-relevant judgment of a missing document is as much a sign of the wrong corpus as a
     * relevant one.
     *
     * @throws SluiceException naming the first unknown document, its file and line, and the count
     */
    public void checkDocumentIds(Set<String> knownDocIds) {
        Checks.notNull("knownDocIds", knownDocIds);
        Judgment first = null;
        int unknown = 0;
        for (Judgment j : judgments) {
            if (!knownDocIds.contains(j.docId())) {
                unknown++;
                if (first == null) {
                    first = j;
                }
            }
        }
        if (first != null) {
            throw new SluiceException(String.format(
                    Locale.ROOT,
                    "%s: document '%s' (query '%s') is not in the corpus; %d of %d judgments name unknown"
                            + " documents. Check that the qrels belong to this corpus, or re-ingest it",
                    first.location(),
                    first.docId(),
                    first.queryId(),
                    unknown,
                    judgments.size()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Qrels other && grades.equals(other.grades);
    }

    @Override
    public int hashCode() {
        return grades.hashCode();
    }

    @Override
    public String toString() {
        return "Qrels" + grades;
    }
}
