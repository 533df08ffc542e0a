package dev.sluice.transform;

import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import java.util.List;

/**
 * The {@code transforms:} section resolved with the {@code llm:} section it calls through: validated
 * once by the config loader, immutable.
 *
 * @param steps the steps in file order; empty when nothing is configured
 * @param perRunPicoUsd the most one run may spend (1e-12 USD); 0 for no limit
 * @param dailyPicoUsd the most all transforms may spend per UTC day, over every process sharing the
 *     catalog; 0 for no limit
 * @param concurrency calls in flight to the provider at most
 * @param requestsPerMinute requests per minute at most (spaced), 0 for no limit
 * @param batch whether misses go to the provider's batch API (half price, asynchronous)
 * @param llm the endpoint; null only when no step is configured
 * @param prices the price table for estimates and budgets
 * @param llmBudget the llm section's limits, which transforms' calls count against as well
 */
public record TransformSettings(
        List<TransformStep> steps,
        long perRunPicoUsd,
        long dailyPicoUsd,
        int concurrency,
        int requestsPerMinute,
        boolean batch,
        LlmSettings llm,
        PriceTable prices,
        Budget.Limits llmBudget) {
    /** No transforms. */
    public static final TransformSettings NONE =
            new TransformSettings(List.of(), 0, 0, 4, 0, false, null, PriceTable.defaults(), Budget.Limits.none());

    public TransformSettings {
        steps = List.copyOf(steps);
        if (!steps.isEmpty() && llm == null) {
            throw new IllegalArgumentException("transforms need an llm section to call");
        }
        dev.sluice.core.Checks.positive("transforms.concurrency", concurrency);
    }

    public boolean configured() {
        return !steps.isEmpty();
    }

    /**
     * The document fields the steps add, as search filters and contracts name them: a classify or summarize
     * step's name, an extract step's field names.
     */
    public java.util.Set<String> metadataFields() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (TransformStep step : steps) {
            switch (step.kind()) {
                case CLASSIFY, SUMMARIZE -> out.add(step.name());
                case EXTRACT -> step.fields().forEach(f -> out.add(f.name()));
                case QUESTIONS, CONTEXTUALIZE -> {
                    // chunk text, not document fields
                }
            }
        }
        return out;
    }

    /** The step with this name, or null. */
    public TransformStep step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
