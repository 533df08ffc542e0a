package dev.sluice.ingest;

import dev.sluice.source.SourceItem;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prepares and embeds a run's changed documents somewhere else than the run's own threads (the executors of
 * the Spark job, {@code sluice-spark}), each with {@link DocumentProcessor} and the run's model, and hands
 * every result back to the thread that runs the pipeline, which accounts for it and publishes the run.
 *
 * <p>Contract: {@code sink} is called on the calling thread, once per item (a result for an item not given,
 * or twice for one, breaks the run's accounting); an exception stops the run and nothing of it is committed.
 */
@FunctionalInterface
public interface RemotePreparation {
    /** Prepares {@code items} for run {@code runId} (its number in the catalog, recorded with their checks). */
    void prepare(long runId, List<SourceItem> items, Consumer<RemoteDocument> sink);
}
