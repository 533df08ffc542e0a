package dev.sluice.eval;

import dev.sluice.core.Checks;
import dev.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An evaluation set: questions, their relevance judgments, and for some questions the evidence
 * (pages or passages) inside the relevant documents. Every query has at least one judgment, and every
 * judged query is one of the questions, so the set's queries are exactly the queries that averages
 * run over (see the package notes on averaging). Every evidence item's document is judged relevant
 * for its query, so document metrics see the document as relevant too.
 *
 * @param name a short name for reports, such as {@code scifact/test}
 * @param queries the questions, in file order, with unique ids; never empty
 * @param qrels the judgments, for exactly these queries
 * @param evidence query id to its evidence, in file order; queries without evidence are absent
 */
public record EvalSet(String name, List<EvalQuery> queries, Qrels qrels, Map<String, List<Evidence>> evidence) {
    public EvalSet {
        Checks.notNull("name", name);
        Checks.notNull("qrels", qrels);
        queries = List.copyOf(Checks.notNull("queries", queries));
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("eval set '" + name + "' must have at least one query");
        }
        Set<String> ids = new HashSet<>();
        for (EvalQuery q : queries) {
            if (!ids.add(q.id())) {
                throw new IllegalArgumentException("eval set '" + name + "' has query id '" + q.id() + "' twice");
            }
            if (!qrels.contains(q.id())) {
                throw new IllegalArgumentException(
                        "eval set '" + name + "': query '" + q.id() + "' has no judgments in the qrels");
            }
        }
        for (String judged : qrels.queryIds()) {
            if (!ids.contains(judged)) {
                throw new IllegalArgumentException(
                        "eval set '" + name + "': the qrels judge query '" + judged + "', which is not in the set");
            }
        }
        Map<String, List<Evidence>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Evidence>> e :
                Checks.notNull("evidence", evidence).entrySet()) {
            String queryId = e.getKey();
            if (!ids.contains(queryId)) {
                throw new IllegalArgumentException("eval set '" + name + "': evidence is given for query '" + queryId
                        + "', which is not in the set");
            }
            for (Evidence item : e.getValue()) {
                if (qrels.judgments(queryId).getOrDefault(item.docId(), 0) <= 0) {
                    throw new IllegalArgumentException("eval set '" + name + "': evidence " + item.describe()
                            + " of query '" + queryId + "' is in a document the qrels do not judge relevant");
                }
            }
            if (!e.getValue().isEmpty()) {
                copy.put(queryId, List.copyOf(e.getValue()));
            }
        }
        evidence = java.util.Collections.unmodifiableMap(copy);
    }

    /** A set judged at document level only. */
    public EvalSet(String name, List<EvalQuery> queries, Qrels qrels) {
        this(name, queries, qrels, Map.of());
    }

    /** The query ids in set order. */
    public List<String> queryIds() {
        return queries.stream().map(EvalQuery::id).toList();
    }

    /** One query's evidence, in file order; empty when it has none. */
    public List<Evidence> evidence(String queryId) {
        return evidence.getOrDefault(queryId, List.of());
    }

    /** Whether any query has evidence (pages or passages). */
    public boolean hasEvidence() {
        return !evidence.isEmpty();
    }

    /** The queries without evidence, in set order. */
    public List<String> queriesWithoutEvidence() {
        return queryIds().stream().filter(id -> !evidence.containsKey(id)).toList();
    }

    /** This set restricted to some of its queries (in this set's order), with their judgments and evidence. */
    public EvalSet restrictTo(String newName, Set<String> queryIds) {
        List<EvalQuery> kept =
                queries.stream().filter(q -> queryIds.contains(q.id())).toList();
        Map<String, List<Evidence>> keptEvidence = new LinkedHashMap<>();
        evidence.forEach((q, items) -> {
            if (queryIds.contains(q)) {
                keptEvidence.put(q, items);
            }
        });
        return new EvalSet(newName, kept, qrels.restrictTo(queryIds), keptEvidence);
    }

    /**
     * Fails when a judgment names a document outside {@code knownDocIds}; see {@link
     * Qrels#checkDocumentIds}.
     */
    public void checkDocumentIds(Set<String> knownDocIds) {
        qrels.checkDocumentIds(knownDocIds);
    }

    /**
     * Fails when a metric needs evidence ({@link Metric#needsEvidence}) and some queries have none, naming
     * the metrics and the first such queries: such a query could only score 0 and would pull the mean
     * down for a reason that is not retrieval.
     *
     * @throws SluiceException naming the metrics, the count and the first ten queries without evidence
     */
    public void requireEvidenceFor(List<Metric> metrics) {
        List<String> needing =
                metrics.stream().filter(Metric::needsEvidence).map(Metric::name).toList();
        List<String> without = queriesWithoutEvidence();
        if (needing.isEmpty() || without.isEmpty()) {
            return;
        }
        throw new SluiceException(String.format(
                Locale.ROOT,
                "%s need page or passage evidence for every query, but %d of %d queries of '%s' have none: %s%s;"
                        + " give them {\"doc\": ..., \"page\": N} or {\"doc\": ..., \"passage\": \"...\"} entries in"
                        + " \"relevant\", or leave the page metrics out",
                String.join(", ", needing),
                without.size(),
                queries.size(),
                name,
                String.join(", ", without.subList(0, Math.min(10, without.size()))),
                without.size() > 10 ? ", ..." : ""));
    }

    /**
     * Fails when a page of the evidence is beyond the last page its document has, naming the file and
     * line of the first such page and how many there are. Documents absent from {@code lastPages} are
     * left to {@link #checkDocumentIds}.
     *
     * @param lastPages document name (path or URI, as judgments name documents) to its last page; 0 for a
     *     document without pages
     * @throws SluiceException naming the first page that does not exist, its query, file and line
     */
    public void checkPages(Map<String, Integer> lastPages) {
        Checks.notNull("lastPages", lastPages);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<Evidence>> e : evidence.entrySet()) {
            for (Evidence item : e.getValue()) {
                Integer last = lastPages.get(item.docId());
                if (!item.isPage() || last == null || item.page() <= last) {
                    continue;
                }
                problems.add(String.format(
                        Locale.ROOT,
                        last == 0
                                ? "%s: page %d of '%s' (query '%s') does not exist: the document has no pages in"
                                        + " the index (its format has none); judge it by a passage instead"
                                : "%s: page %d of '%s' (query '%s') does not exist: the document's last page in"
                                        + " the index is %d. Pages count from 1, as PDF viewers count them",
                        item.location(),
                        item.page(),
                        item.docId(),
                        e.getKey(),
                        last));
            }
        }
        if (!problems.isEmpty()) {
            throw new SluiceException(
                    problems.getFirst() + (problems.size() > 1 ? " (" + problems.size() + " pages do not exist)" : ""));
        }
    }
}
