package dev.sluice.transform;

import java.util.List;
import java.util.Optional;

/**
 * Where transform outputs are kept: the cache that makes runs replayable and resumable, keyed by
 * (transform, prompt version, model, input hash). The embedded implementation is the SQLite catalog
 * ({@code transform_outputs}); implementations are thread-safe, and a saved output is durable when
 * {@link #save} returns, so a run stopped at any point (a budget, a kill) loses no paid-for output.
 */
public interface TransformStore {
    /** The output stored under this key, valid or invalid. */
    Optional<TransformOutput> output(String transform, String promptVersion, String model, String inputHash);

    /**
     * Stores {@code output}, replacing one of the same key, and clears the item's pending mark for its
     * transform and version, in one transaction.
     */
    void save(TransformOutput output);

    /** Marks an item as stopped by a budget: {@link #status} counts it as pending until an output is saved. */
    void markPending(String transform, String promptVersion, String inputHash, String item, String runId);

    /** Records a batch submitted to the provider and the items in it, in one transaction. */
    void saveBatch(Batch batch, List<BatchItem> items);

    /** Batches not yet collected, oldest first. */
    List<Batch> openBatches();

    /** The items of a batch. */
    List<BatchItem> batchItems(String batchId);

    /** Marks a batch collected (or given up), with the provider's final status. */
    void closeBatch(String batchId, String status, long nowMillis);

    /** Whether an open batch holds this item under this key (it must not be submitted twice). */
    boolean inOpenBatch(String transform, String promptVersion, String model, String inputHash);

    /**
     * A batch submitted to the provider's batch API.
     *
     * @param id the provider's batch id
     * @param status {@code open} until collected, then the provider's final status
     */
    record Batch(String id, String status, long submittedMillis, String runId, int items) {}

    /** One request of a batch: its custom id in the batch file and the output key it fills. */
    record BatchItem(
            String batchId,
            String customId,
            String transform,
            String promptVersion,
            String model,
            String inputHash,
            String item) {}

    /**
     * Each indexed document's enrichment state, by uri: the {@link Transforms#fingerprint} it was enriched
     * under, followed by {@link #INCOMPLETE} when items were left pending or failed. A document whose state is
     * not the current fingerprint is processed again by the next sync (outputs come from this store).
     */
    java.util.Map<String, String> enrichmentStates();

    /** Records the enrichment state of these documents (uri to state), replacing earlier ones. */
    void putEnrichmentStates(java.util.Map<String, String> states);

    /** Forgets the state of documents that left the index. */
    void removeEnrichmentStates(java.util.Collection<String> uris);

    /** The mark after a fingerprint for a document enriched only in part. */
    String INCOMPLETE = "+incomplete";

    /** Per transform and prompt version: counts, spend and the commonest reasons of invalid outputs. */
    List<Status> status();

    /**
     * Outputs of one transform and prompt version, valid ones first, newest model-wise first, at most
     * {@code limit}, ordered by input hash (so that two versions are sampled over the same inputs).
     */
    List<TransformOutput> outputs(String transform, String promptVersion, int limit);

    /**
     * One line of {@code sluice transforms status}.
     *
     * @param valid items with a valid output (any model)
     * @param invalid stored invalid outputs (each model counted)
     * @param pending items a budget stopped that no run has done since
     * @param costPicoUsd what its stored outputs cost
     * @param reasons the commonest invalid reasons with their counts, most frequent first (at most 3)
     * @param lastMillis when its newest output was written (0 for none)
     */
    record Status(
            String transform,
            String promptVersion,
            long valid,
            long invalid,
            long pending,
            long costPicoUsd,
            List<Reason> reasons,
            long lastMillis) {
        public Status {
            reasons = List.copyOf(reasons);
        }
    }

    /** An invalid reason and how often it occurs. */
    record Reason(String error, long count) {}
}
