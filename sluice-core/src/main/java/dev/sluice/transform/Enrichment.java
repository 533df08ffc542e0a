package dev.sluice.transform;

import java.util.List;
import java.util.Map;

/**
 * What the transforms made of one document: only valid outputs, never an invalid one.
 *
 * @param metadata document fields: a classify step's name to its label, an extract step's fields to their
 *     values (as text; a list field gives several), a summarize step's name to its one summary
 * @param questionsByChunkId questions each chunk answers ({@code questions} steps)
 * @param contextByChunkId a short context line per chunk ({@code contextualize} steps)
 * @param failures items left not enriched: invalid after repair and escalation, or a model error
 * @param pending items not done because a budget was reached; the next run resumes them
 */
public record Enrichment(
        Map<String, List<String>> metadata,
        Map<String, List<String>> questionsByChunkId,
        Map<String, String> contextByChunkId,
        List<TransformFailure> failures,
        int pending) {
    /** No transforms configured, or none applies. */
    public static final Enrichment NONE = new Enrichment(Map.of(), Map.of(), Map.of(), List.of(), 0);

    public Enrichment {
        metadata = Map.copyOf(metadata);
        questionsByChunkId = Map.copyOf(questionsByChunkId);
        contextByChunkId = Map.copyOf(contextByChunkId);
        failures = List.copyOf(failures);
        if (pending < 0) {
            throw new IllegalArgumentException("Enrichment.pending must be >= 0, got " + pending);
        }
    }

    /** Whether every item was enriched: no failure and nothing pending. */
    public boolean complete() {
        return failures.isEmpty() && pending == 0;
    }
}
