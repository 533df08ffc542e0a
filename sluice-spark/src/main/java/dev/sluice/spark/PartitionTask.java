package dev.sluice.spark;

import dev.sluice.backend.Backends;
import dev.sluice.catalog.Catalog;
import dev.sluice.chunk.Chunk;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.embed.Embedder;
import dev.sluice.embed.EmbeddingUnavailableException;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexedChunk;
import dev.sluice.ingest.DocumentProcessor;
import dev.sluice.ingest.RemoteDocument;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.source.SourceItem;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * The executors' side of the job: for each document of one partition, the core's {@link DocumentProcessor}
 * (extract, normalize, check, chunk), then its vectors (from the vector cache where the executor reaches
 * one, else from the model, loaded once per JVM), and, with a shared index, its write; each result goes
 * back to the driver as one JSON string ({@link Wire}). A shared index gets a writer per partition, whose
 * writes are sent (not published) before the partition's results go back; the driver adopts them
 * ({@link ChunkIndex#adoptSent}), so its commit publishes them and its discard deletes them.
 *
 * <p>A document's failure is its quarantine, as in a local run; an unavailable model or a failing shared
 * index fails the task, and Spark runs it again: a document written twice is replaced by the same chunk ids.
 */
class PartitionTask implements FlatMapFunction<Iterator<String>, String>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What every task of one wave needs: plain values, serialized with the task. */
    record Spec(String configFile, long runId, String indexBackend, Map<String, String> indexSettings)
            implements Serializable {}

    private final Spec spec;
    private final Broadcast<String> signatures;

    PartitionTask(Spec spec, Broadcast<String> signatures) {
        this.spec = spec;
        this.signatures = signatures;
    }

    @Override
    public Iterator<String> call(Iterator<String> tasks) {
        beforePartition();
        EffectiveConfig config = ExecutorResources.config(spec.configFile());
        Embedder model = ExecutorResources.model(config.model());
        DocumentProcessor processor = ExecutorResources.processor(config);
        Backends backends = SparkIngest.backends(config, spec.indexBackend(), spec.indexSettings());
        Catalog cache = ExecutorResources.vectorCache(backends);
        ExecutorChecks checks = new ExecutorChecks(
                config.quality(),
                Wire.read(signatures.value(), Wire.Signatures.class).known(),
                spec.runId());
        List<String> out = new ArrayList<>();
        // A shared index: this partition's own writer, sent (never published) before its results go back.
        try (ChunkIndex shared =
                SparkIngest.writesOnExecutors(backends) ? SharedIndexes.writer(backends, config, model) : null) {
            while (tasks.hasNext()) {
                Wire.Task task = Wire.read(tasks.next(), Wire.Task.class);
                out.add(Wire.write(process(task, processor, checks, model, cache, shared)));
            }
            if (shared != null) {
                shared.flush(); // a failure fails the task, and Spark runs it again
            }
        }
        // No commit here: the driver commits once every task is done, then publishes the run.
        return out.iterator();
    }

    /** Called before a partition's first document (tests fail a task's first attempt here). */
    protected void beforePartition() {}

    private RemoteDocument process(
            Wire.Task task,
            DocumentProcessor processor,
            ExecutorChecks checks,
            Embedder model,
            Catalog cache,
            ChunkIndex shared) {
        SourceItem item = task.item();
        DocumentProcessor.Prepared prepared;
        try {
            DocumentProcessor.Outcome outcome =
                    processor.prepare(item, task.access(), DocumentProcessor.UNTIMED, checks);
            if (outcome instanceof DocumentProcessor.Quarantine q) {
                return RemoteDocument.quarantined(item, q.reason(), q.message(), travelling(q.checked()));
            }
            prepared = (DocumentProcessor.Prepared) outcome;
        } catch (ItemFailure failure) {
            return RemoteDocument.quarantined(item, failure.reason(), failure.getMessage(), null);
        } catch (RuntimeException | Error e) {
            return RemoteDocument.quarantined(item, QuarantineReason.INTERNAL_ERROR, describe(e), null);
        }
        List<Chunk> chunks = prepared.chunks();
        List<String> inputs = new ArrayList<>(chunks.size());
        List<String> keys = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            String input = DocumentProcessor.embeddingInput(prepared.info(), c, null, null);
            inputs.add(input);
            keys.add(DocumentProcessor.cacheKey(c, input));
        }
        Map<String, float[]> cached =
                cache == null ? Map.of() : cache.vectors(model.modelId(), model.modelVersion(), keys);
        List<float[]> vectors = new ArrayList<>(chunks.size());
        List<Boolean> computed = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            float[] vector = cached.get(keys.get(i));
            if (vector != null && vector.length == model.dimensions()) {
                vectors.add(vector);
                computed.add(false);
                continue;
            }
            try {
                vectors.add(model.embedPassage(inputs.get(i)));
                computed.add(true);
            } catch (EmbeddingUnavailableException e) {
                throw e; // the model, not this chunk: the task fails and the run with it
            } catch (RuntimeException | Error e) {
                return RemoteDocument.quarantined(
                        item,
                        QuarantineReason.INTERNAL_ERROR,
                        "embedding failed at chunk " + i + ": " + describe(e),
                        travelling(prepared.checked()));
            }
        }
        boolean written = false;
        if (shared != null) {
            List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                indexed.add(new IndexedChunk(chunks.get(i), vectors.get(i), ""));
            }
            shared.replaceDocument(prepared.info(), indexed); // atomic per document; a retry replaces it again
            written = true;
        }
        return new RemoteDocument(
                item, null, null, travelling(prepared.checked()), prepared.info(), chunks, vectors, computed, written);
    }

    /** The checks' findings and signature, without the document's text (the driver does not need it). */
    private static DocumentChecker.Checked travelling(DocumentChecker.Checked checked) {
        return checked == null
                ? null
                : new DocumentChecker.Checked(
                        checked.checks(), null, checked.signature(), checked.quarantine(), checked.message());
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
