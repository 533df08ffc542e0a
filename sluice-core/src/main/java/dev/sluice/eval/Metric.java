package dev.sluice.eval;

import dev.sluice.core.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A per-query retrieval metric, computed the way trec_eval computes its counterpart (named in each
 * implementation), or, for the page metrics, from the chunks that cover the query's evidence. Averages
 * over queries are taken by {@link MetricsCalculator}.
 *
 * <p>Contract: {@link #score} is a pure function of the judged ranking, returns a value in [0, 1],
 * and is safe to call from any thread. Implementations are values ({@code equals} by name), so they
 * can key maps. {@link #name()} is the canonical lower-case name that {@link #parse} accepts.
 */
public interface Metric {
    /** What {@link #parse} accepts, for error messages. */
    String KNOWN = "ndcg@k, recall@k, p@k, mrr@k, hit@k, map (documents);"
            + " page_hit@k, page_recall@k, page_mrr@k (chunks covering a judged page or passage)";

    /** The canonical name, such as {@code ndcg@10} or {@code map}. */
    String name();

    /** The value for one query. */
    double score(JudgedRanking ranking);

    /**
     * Whether the metric reads the query's evidence (pages or passages) rather than its document
     * judgments: then every query of the set needs evidence ({@link EvalSet#requireEvidenceFor}).
     */
    default boolean needsEvidence() {
        return false;
    }

    /**
     * The metrics {@code sluice eval run} computes when none are named: nDCG, recall, precision, MRR and
     * hit at each cutoff, then MAP; for a set with evidence, also page hit, page recall and page MRR at
     * each cutoff.
     *
     * @param cutoffs the cutoffs, each within 1..1000
     * @param evidence whether the set has evidence (pages or passages)
     * @throws SluiceException naming a cutoff out of range
     */
    static List<Metric> defaults(List<Integer> cutoffs, boolean evidence) {
        if (cutoffs.isEmpty()) {
            throw new SluiceException("cutoffs must name at least one k, as in 10,100");
        }
        for (int k : cutoffs) {
            if (k < 1 || k > 1000) {
                throw new SluiceException("cutoffs must be within 1..1000, got " + k);
            }
        }
        List<Metric> out = new ArrayList<>();
        for (String family : List.of("ndcg", "recall", "p", "mrr", "hit")) {
            for (int k : cutoffs) {
                out.add(parse(family + "@" + k));
            }
        }
        out.add(new AveragePrecision());
        if (evidence) {
            for (String family : List.of("page_hit", "page_recall", "page_mrr")) {
                for (int k : cutoffs) {
                    out.add(parse(family + "@" + k));
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /**
     * Parses a metric name, case-insensitively: {@code ndcg@10}, {@code recall@100}, {@code p@5},
     * {@code mrr@10}, {@code hit@10}, {@code map}, {@code page_hit@10}, {@code page_recall@10}, {@code
     * page_mrr@10}.
     *
     * @throws SluiceException naming the bad input and the known names
     */
    static Metric parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SluiceException("metric name is empty; known: " + KNOWN);
        }
        String name = text.strip().toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        String family = at < 0 ? name : name.substring(0, at);
        if (family.equals("map")) {
            if (at >= 0) {
                throw new SluiceException(
                        "metric '" + text + "': map takes no cutoff (it uses the whole ranking); write 'map'");
            }
            return new AveragePrecision();
        }
        boolean known = switch (family) {
            case "ndcg", "recall", "p", "mrr", "hit", "page_hit", "page_recall", "page_mrr" -> true;
            default -> false;
        };
        if (!known) {
            throw new SluiceException("unknown metric '" + text + "'; known: " + KNOWN);
        }
        if (at < 0) {
            throw new SluiceException("metric '" + text + "' needs a cutoff, as in " + family + "@10");
        }
        int k;
        try {
            k = Integer.parseInt(name.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new SluiceException(
                    "metric '" + text + "': the cutoff after '@' must be a whole number, as in " + family + "@10");
        }
        if (k <= 0) {
            throw new SluiceException("metric '" + text + "': the cutoff must be > 0, got " + k);
        }
        return switch (family) {
            case "ndcg" -> new NdcgAtK(k);
            case "recall" -> new RecallAtK(k);
            case "p" -> new PrecisionAtK(k);
            case "mrr" -> new MrrAtK(k);
            case "page_hit" -> new PageHitAtK(k);
            case "page_recall" -> new PageRecallAtK(k);
            case "page_mrr" -> new PageMrrAtK(k);
            default -> new HitAtK(k);
        };
    }
}
