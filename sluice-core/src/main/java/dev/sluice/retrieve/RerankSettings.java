package dev.sluice.retrieve;

import dev.sluice.core.Checks;
import java.util.Locale;

/**
 * The optional reranking stage ({@code retrieval.rerank} in sluice.yaml): off by default, since each
 * reranked search is one model call.
 *
 * @param enabled whether {@code sluice search}, {@code sluice ask} and the service rerank (default false)
 * @param candidates the first stage's best hits the reranker reorders, 2 to 100 (default 20); a search
 *     for more than this many keeps the rest after them in their first-stage order
 * @param maxPassageChars each candidate's text is cut to this many characters for the reranker, 100 to
 *     20,000 (default 1,000): with the number of candidates it bounds the cost of one call
 * @param model the model that reranks, or null for the llm section's model
 */
public record RerankSettings(boolean enabled, int candidates, int maxPassageChars, String model) {
    public static final RerankSettings DEFAULTS = new RerankSettings(false, 20, 1000, null);

    public RerankSettings {
        Checks.inRange("retrieval.rerank.candidates", candidates, 2, 100);
        Checks.inRange("retrieval.rerank.maxPassageChars", maxPassageChars, 100, 20_000);
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("retrieval.rerank.model must not be blank; leave it out for llm.model");
        }
    }

    /** These settings with the model that reranks. */
    public RerankSettings withModel(String rerankModel) {
        return new RerankSettings(enabled, candidates, maxPassageChars, rerankModel);
    }

    @Override
    public String toString() {
        return enabled
                ? String.format(
                        Locale.ROOT,
                        "rerank the best %d by %s, %d characters a passage",
                        candidates,
                        model == null ? "the llm's model" : model,
                        maxPassageChars)
                : "no reranking";
    }
}
