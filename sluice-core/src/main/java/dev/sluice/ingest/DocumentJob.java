package dev.sluice.ingest;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.chunk.Chunk;
import dev.sluice.core.QuarantineReason;
import dev.sluice.embed.Embedder;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexedChunk;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.source.SourceItem;
import dev.sluice.transform.Enrichment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One prepared document whose chunks are being embedded: the hand-over between the thread that prepared it
 * and the embedding threads. Each chunk's vector comes from the cache ({@link #useCached}) or from one
 * {@link #embed} task; whichever task finishes the last chunk writes the whole document to the index in one
 * block ({@link #finish}), so a reader never sees a part of it.
 *
 * <p>A failure to embed one chunk quarantines the document; a failure of the index or the catalog itself
 * is the run's {@code fatal} failure, and then nothing more is written.
 */
final class DocumentJob {
    /** What every document of one run writes through, shared by its jobs. */
    record Target(
            Embedder embedder,
            ChunkIndex index,
            Catalog catalog,
            String chunkerVersion,
            RunAccount account,
            Semaphore inFlight,
            AtomicReference<Throwable> fatal) {}

    private final Target target;
    private final SourceItem item;
    private final DocumentInfo info;
    private final List<Chunk> chunks;
    private final float[][] vectors;
    private final DocumentChecker.Checked checked;
    private final Enrichment enriched;
    /** Each chunk's extra search text from transforms (context line, questions), or empty. */
    private final String[] extraText;

    private final AtomicInteger remaining = new AtomicInteger();
    private final Map<String, float[]> computed = new ConcurrentHashMap<>();
    private volatile String failure;
    /** Whether the document is in the index already (an executor wrote it to a shared index). */
    private volatile boolean written;

    /** What the model reads for each chunk: its context header and text ({@link ChunkContext}). */
    private final String[] inputs;

    /**
     * Each chunk's key in the vector cache: its content hash when it is embedded alone, else the hash of
     * header and text, so that a vector made without the header (or with another) is never reused.
     */
    private final String[] keys;

    DocumentJob(
            Target target,
            SourceItem item,
            DocumentInfo info,
            List<Chunk> chunks,
            DocumentChecker.Checked checked,
            Enrichment enriched) {
        this.target = target;
        this.item = item;
        this.checked = checked;
        this.enriched = enriched;
        this.extraText = new String[chunks.size()];
        this.info = info;
        this.chunks = chunks;
        this.vectors = new float[chunks.size()][];
        this.inputs = new String[chunks.size()];
        this.keys = new String[chunks.size()];
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            String context = enriched.contextByChunkId().get(c.id());
            List<String> questions = enriched.questionsByChunkId().get(c.id());
            inputs[i] = DocumentProcessor.embeddingInput(info, c, context, questions);
            extraText[i] = RunEnrichment.searchText(context, questions);
            keys[i] = DocumentProcessor.cacheKey(c, inputs[i]);
        }
    }

    /** The chunks' keys in the vector cache, in chunk order. */
    List<String> keys() {
        return List.of(keys);
    }

    /**
     * Takes the vectors the cache holds for this model and returns the ordinals of the chunks still to
     * embed; each of them must then be given to {@link #embed} exactly once.
     */
    List<Integer> useCached(Map<String, float[]> cached) {
        List<Integer> toEmbed = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            float[] vector = cached.get(keys[i]);
            if (vector != null && vector.length == target.embedder().dimensions()) {
                vectors[i] = vector;
                target.account().vectorReused();
            } else {
                toEmbed.add(i);
            }
        }
        remaining.set(toEmbed.size());
        return toEmbed;
    }

    /** Embeds one chunk (on an embedding thread) and releases its place in the queue. */
    void embed(int ordinal) {
        try {
            if (failure == null && target.fatal().get() == null) {
                vectors[ordinal] = target.account()
                        .timedInfallible(Stage.EMBED, () -> target.embedder().embedPassage(inputs[ordinal]));
                computed.put(keys[ordinal], vectors[ordinal]);
                target.account().chunkEmbedded();
            }
        } catch (dev.sluice.embed.EmbeddingUnavailableException e) {
            target.fatal().compareAndSet(null, e); // the model, not this chunk: the run stops, the next resumes
        } catch (RuntimeException | Error e) {
            failure = "chunk " + ordinal + ": " + IngestPipeline.describe(e);
        } finally {
            target.inFlight().release();
        }
        if (remaining.decrementAndGet() == 0) {
            finish();
        }
    }

    /** What the model reads for chunk {@code ordinal}. */
    String input(int ordinal) {
        return inputs[ordinal];
    }

    /**
     * Takes vectors computed elsewhere (an endpoint's batch, which may span documents) for {@code
     * ordinals}, or records why they failed ({@code error} non-null), and releases their places in the
     * queue; the last chunk writes the document.
     */
    void embedded(List<Integer> ordinals, List<float[]> got, RuntimeException error) {
        try {
            if (error instanceof dev.sluice.embed.EmbeddingUnavailableException e) {
                target.fatal().compareAndSet(null, e);
            } else if (error != null) {
                failure = "chunks " + ordinals + ": " + IngestPipeline.describe(error);
            } else if (failure == null && got != null) { // none when the run stopped before the batch was sent
                for (int i = 0; i < ordinals.size(); i++) {
                    int ordinal = ordinals.get(i);
                    vectors[ordinal] = got.get(i);
                    computed.put(keys[ordinal], got.get(i));
                    target.account().chunkEmbedded();
                }
            }
        } finally {
            target.inFlight().release(ordinals.size());
        }
        if (remaining.addAndGet(-ordinals.size()) == 0) {
            finish();
        }
    }

    /** Says that an executor wrote the document to a shared index: {@link #finish} only accounts for it. */
    void alreadyWritten() {
        written = true;
    }

    /** Writes the document once every chunk has its vector, or quarantines it when one failed. */
    void finish() {
        RunAccount account = target.account();
        if (target.fatal().get() != null) {
            return;
        }
        if (failure != null) {
            account.quarantine(item, QuarantineReason.INTERNAL_ERROR, "embedding failed at " + failure);
            return;
        }
        Embedder embedder = target.embedder();
        List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
        List<Catalog.ChunkRow> rows = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            indexed.add(new IndexedChunk(chunks.get(i), vectors[i], extraText[i]));
            rows.add(new Catalog.ChunkRow(chunks.get(i).id(), chunks.get(i).contentHash()));
        }
        try {
            // Vectors are kept before anything else: after a crash they are not computed again.
            target.catalog().putVectors(embedder.modelId(), embedder.modelVersion(), computed);
            if (!written) {
                account.timedInfallible(Stage.INDEX, () -> {
                    target.index().replaceDocument(info, indexed);
                    return null;
                });
            }
        } catch (RuntimeException | Error e) {
            // The index or catalog itself failed (disk full, out of memory): no later write can be trusted.
            target.fatal().compareAndSet(null, e);
            return;
        }
        DocumentRecord record = new DocumentRecord(
                item.uri(),
                item.source(),
                item.relativePath(),
                item.sizeBytes(),
                item.lastModifiedMillis(),
                info.contentHash(),
                DocumentRecord.INDEXED,
                null,
                null,
                target.chunkerVersion(),
                embedder.modelId(),
                embedder.modelVersion(),
                chunks.size(),
                account.firstSeen(item.uri()),
                account.nowMillis(),
                account.runId(),
                item.version(),
                info.access().fingerprint());
        account.indexed(item, info, record, rows, checked, enriched);
    }
}
