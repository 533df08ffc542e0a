package dev.sluice.eval;

import dev.sluice.core.SluiceException;
import java.util.Locale;

/**
 * A per-query retrieval metric, computed the way trec_eval computes its counterpart (named in each
 * implementation). Averages over queries are taken by {@link MetricsCalculator}.
 *
 * <p>Contract: {@link #score} is a pure function of the judged ranking, returns a value in [0, 1],
 * and is safe to call from any thread. Implementations are values ({@code equals} by name), so they
 * can key maps. {@link #name()} is the canonical lower-case name that {@link #parse} accepts.
 */
public interface Metric {
    /** What {@link #parse} accepts, for error messages. */
    String KNOWN = "ndcg@k, recall@k, p@k, mrr@k, hit@k, map";

    /** The canonical name, such as {@code ndcg@10} or {@code map}. */
    String name();

    /** The value for one query. */
    double score(JudgedRanking ranking);

    /**
     * Parses a metric name, case-insensitively: {@code ndcg@10}, {@code recall@100}, {@code p@5},
     * {@code mrr@10}, {@code hit@10}, {@code map}.
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
            case "ndcg", "recall", "p", "mrr", "hit" -> true;
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
            default -> new HitAtK(k);
        };
    }
}
