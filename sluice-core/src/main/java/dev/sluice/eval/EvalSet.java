package dev.sluice.eval;

import dev.sluice.core.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An evaluation set: questions and their relevance judgments. Every query has at least one
 * judgment, and every judged query is one of the questions, so the set's queries are exactly the
 * queries that averages run over (see the package notes on averaging).
 *
 * @param name a short name for reports, such as {@code scifact/test}
 * @param queries the questions, in file order, with unique ids; never empty
 * @param qrels the judgments, for exactly these queries
 */
public record EvalSet(String name, List<EvalQuery> queries, Qrels qrels) {
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
    }

    /** The query ids in set order. */
    public List<String> queryIds() {
        return queries.stream().map(EvalQuery::id).toList();
    }

    /**
     * Fails when a judgment names a document outside {@code knownDocIds}; see {@link
     * Qrels#checkDocumentIds}.
     */
    public void checkDocumentIds(Set<String> knownDocIds) {
        qrels.checkDocumentIds(knownDocIds);
    }
}
