package dev.sluice.ingest;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunCounts;
import dev.sluice.chunk.Chunk;
import dev.sluice.chunk.Chunker;
import dev.sluice.core.AccessList;
import dev.sluice.core.Checks;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.enrich.AttributeReader;
import dev.sluice.enrich.ChunkContext;
import dev.sluice.enrich.DocumentAttributes;
import dev.sluice.extract.DocumentTypes;
import dev.sluice.extract.ExtractedDocument;
import dev.sluice.extract.Extractor;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexedChunk;
import dev.sluice.llm.LedgerStore;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.quality.ExpectationResult;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.QualityStore;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.source.KnownVersion;
import dev.sluice.source.Listing;
import dev.sluice.source.ListingFailure;
import dev.sluice.source.SourceItem;
import dev.sluice.transform.Enrichment;
import dev.sluice.transform.TransformStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One ingestion run: listed items -> extract -> normalize -> chunk -> embed -> index.
 *
 * <p>The embedding model is the bottleneck, so the pipeline keeps one embedding thread per core
 * busy at all times: extraction threads prepare documents ahead and queue their chunks one by one
 * (bounded, so memory stays flat); whichever embedding thread finishes a document's last chunk
 * writes the whole document to the index in one atomic block. Extraction overlaps embedding
 * instead of alternating with it.
 *
 * <p>Every item ends indexed or quarantined: failures of one item never stop the run. Only a
 * failure of the index itself (disk full) aborts it, and then nothing of the run is committed.
 */
public final class IngestPipeline {
    /** Chunks queued ahead of the embedding threads; bounds memory. */
    private static final int MAX_CHUNKS_IN_FLIGHT = 2048;

    private final Extractor extractor;
    private final TextNormalizer normalizer;
    private final Chunker chunker;
    private final Embedder embedder;
    private final ChunkIndex index;
    private final Catalog catalog;
    private final int extractThreads;
    private final int embedThreads;
    private final QualityStore quality;
    private final TransformStore transformStore;
    private final LedgerStore ledger;

    /** A pipeline without quality checks or contracts (tests of the other stages). */
    public IngestPipeline(
            Extractor extractor,
            TextNormalizer normalizer,
            Chunker chunker,
            Embedder embedder,
            ChunkIndex index,
            Catalog catalog,
            int extractThreads,
            int embedThreads) {
        this(extractor, normalizer, chunker, embedder, index, catalog, extractThreads, embedThreads, null, null, null);
    }

    /**
     * A pipeline that checks each document ({@code dev.sluice.quality}), records the findings in
     * {@code quality} and holds each source to its contract before publishing, and runs the configured
     * LLM transforms on each document it processes ({@code dev.sluice.transform}: outputs cached in
     * {@code transformStore}, calls and budgets in {@code ledger}).
     */
    public IngestPipeline(
            Extractor extractor,
            TextNormalizer normalizer,
            Chunker chunker,
            Embedder embedder,
            ChunkIndex index,
            Catalog catalog,
            int extractThreads,
            int embedThreads,
            QualityStore quality,
            TransformStore transformStore,
            LedgerStore ledger) {
        this.quality = quality;
        this.transformStore = transformStore;
        this.ledger = ledger;
        this.extractor = extractor;
        this.normalizer = normalizer;
        this.chunker = chunker;
        this.embedder = embedder;
        this.index = index;
        this.catalog = catalog;
        this.extractThreads = Checks.positive("IngestOptions.extractThreads", extractThreads);
        this.embedThreads = Checks.positive("IngestOptions.embedThreads", embedThreads);
    }

    /**
     * Runs the pipeline over a listing: skips documents whose change signal (size and modification
     * time) did not move since the catalog recorded them with the same chunker and model, removes
     * documents of the listed sources that are gone, takes vectors from the embedding cache where it
     * can, commits the index once at the end and then records the run in the catalog.
     */
    public IngestReport run(Listing listing, ProgressListener progress) {
        return run(listing, progress, RunOptions.DEFAULTS);
    }

    /** As {@link #run(Listing, ProgressListener)}, with the run's choices. */
    public IngestReport run(Listing listing, ProgressListener progress, RunOptions options) {
        return new Run(listing, progress, options).execute();
    }

    /**
     * The recorded version of each document that a run with these options would not process again
     * as long as its content is the same: for sources that can ask a server "changed since?".
     */
    public Function<String, KnownVersion> knownVersions(RunOptions options) {
        ChangeDetection detection = new ChangeDetection(
                catalog.documents(),
                index.documentUris(),
                chunker.version(),
                embedder.modelId(),
                embedder.modelVersion(),
                options);
        return detection::knownVersion;
    }

    /** The state of one run; one instance per {@link #run} call. */
    private final class Run {
        private final Listing listing;
        private final ProgressListener progress;
        private final long startNanos = System.nanoTime();
        private final Map<Stage, LongAdder> stageNanos = new EnumMap<>(Stage.class);
        private final List<Quarantined> quarantined = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger ingested = new AtomicInteger();
        private final AtomicInteger unchanged = new AtomicInteger();
        private final AtomicInteger deleted = new AtomicInteger();
        private final AtomicInteger reused = new AtomicInteger();
        private final List<Catalog.Change> changes = java.util.Collections.synchronizedList(new ArrayList<>());
        private final long nowMillis = System.currentTimeMillis();
        private ChangeDetection detection;
        private RunQuality runQuality;
        private RunEnrichment enrichment;

        private long runId;
        private final AtomicInteger itemsDone = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong bytesDone = new java.util.concurrent.atomic.AtomicLong();
        private final long bytesTotal;
        private final AtomicInteger chunksDone = new AtomicInteger();
        private final AtomicInteger chunksWritten = new AtomicInteger();
        private final Semaphore inFlight = new Semaphore(MAX_CHUNKS_IN_FLIGHT);
        private final AtomicReference<Throwable> fatal = new AtomicReference<>();
        private final ExecutorService extractPool;
        private final ExecutorService embedPool;

        private final RunOptions runOptions;

        Run(Listing listing, ProgressListener progress, RunOptions runOptions) {
            this.runOptions = runOptions;
            this.listing = listing;
            this.progress = progress;
            this.bytesTotal =
                    listing.items().stream().mapToLong(SourceItem::sizeBytes).sum();
            for (Stage stage : Stage.values()) {
                stageNanos.put(stage, new LongAdder());
            }
            extractPool = Executors.newFixedThreadPool(extractThreads, named("sluice-extract"));
            embedPool = Executors.newFixedThreadPool(embedThreads, named("sluice-embed"));
        }

        IngestReport execute() {
            runId = catalog.startRun("ingest", nowMillis);
            try {
                runQuality = new RunQuality(quality, runOptions.quality(), runId, nowMillis);
                enrichment = new RunEnrichment(runOptions.transforms(), transformStore, ledger);
                detection = new ChangeDetection(
                        catalog.documents(),
                        index.documentUris(),
                        chunker.version(),
                        embedder.modelId(),
                        embedder.modelVersion(),
                        runOptions);
                detection.orphans().forEach(index::deleteDocument);
                for (ListingFailure failure : listing.failures()) {
                    runQuality.quarantined(failure.uri(), failure.source(), failure.reason(), null);
                    quarantine(
                            failure.uri(),
                            failure.path(),
                            0,
                            0,
                            failure.source(),
                            failure.reason(),
                            failure.message(),
                            null,
                            failure.reason() == QuarantineReason.BAD_ACCESS_LIST
                                    ? AccessList.NOBODY
                                    : runOptions.accessOf(failure.source()).fingerprint());
                }
                for (SourceItem item : listing.items()) {
                    if (detection.unchanged(item) && unchangedEnrichment(item)) {
                        skipUnchanged(item, detection.before(item.uri()));
                    } else {
                        extractPool.execute(() -> prepare(item));
                    }
                }
                for (DocumentRecord record : detection.gone(listing)) {
                    index.deleteDocument(record.uri());
                    runQuality.deleted(record.uri());
                    enrichment.deleted(record.uri());
                    changes.add(new Catalog.Change.Deleted(record.uri()));
                    deleted.incrementAndGet();
                }
                extractPool.shutdown();
                awaitQuietly(extractPool);
                embedPool.shutdown();
                awaitQuietly(embedPool);
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
            } finally {
                extractPool.shutdownNow();
                embedPool.shutdownNow();
                if (enrichment != null) {
                    enrichment.close(); // no document is enriched after this; batch mode submits here
                }
            }
            if (fatal.get() != null) {
                Throwable cause = fatal.get();
                // Nothing of a failed run may reach a later commit (watch mode keeps the writer open).
                try {
                    index.discardUncommitted();
                } catch (RuntimeException reopen) {
                    cause.addSuppressed(reopen);
                }
                throw failed(cause);
            }
            List<ExpectationResult> violations;
            try {
                violations = runQuality.measure(listing);
            } catch (RuntimeException e) {
                throw failed(e);
            }
            if (!violations.isEmpty()) {
                throw contractFailed(violations);
            }
            try {
                timedInfallible(Stage.INDEX, () -> {
                    index.commit();
                    return null;
                });
                // After the index commit, never before: the catalog may lag the index, never lead it.
                catalog.apply(runId, new ArrayList<>(changes));
                runQuality.record(true);
                enrichment.record();
            } catch (RuntimeException e) {
                // The next run reconciles: index entries the catalog does not know are removed.
                throw failed(e);
            }
            String failedSources = listing.failedSources().isEmpty()
                    ? null
                    : String.join("; ", listing.failedSources().values());
            catalog.finishRun(
                    runId,
                    System.currentTimeMillis(),
                    failedSources == null ? "ok" : "partial",
                    counts(),
                    failedSources);
            catalog.recordSources(
                    runId,
                    listing.sources().stream()
                            .filter(name -> !listing.failedSources().containsKey(name))
                            .toList(),
                    nowMillis,
                    null);
            listing.failedSources()
                    .forEach((name, error) -> catalog.recordSources(runId, List.of(name), nowMillis, error));
            Map<Stage, Long> millis = new EnumMap<>(Stage.class);
            stageNanos.forEach((stage, nanos) -> millis.put(stage, TimeUnit.NANOSECONDS.toMillis(nanos.sum())));
            List<Quarantined> sorted = new ArrayList<>(quarantined);
            sorted.sort(java.util.Comparator.comparing(Quarantined::path));
            return new IngestReport(
                    runId,
                    listing.seen(),
                    listing.skippedHidden(),
                    listing.skippedByGlobs(),
                    ingested.get(),
                    unchanged.get(),
                    deleted.get(),
                    sorted,
                    chunksWritten.get(),
                    chunksDone.get(),
                    reused.get(),
                    millis,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos),
                    embedder.modelId(),
                    index.path().toString(),
                    listing.failedSources(),
                    IngestReport.Generation.SAME,
                    runQuality.measured(),
                    enrichment.summary(),
                    enrichment.stoppedBecause());
        }

        /** Whether an unchanged document may be skipped: quarantined, or enriched as the transforms would now. */
        private boolean unchangedEnrichment(SourceItem item) {
            DocumentRecord before = detection.before(item.uri());
            return !before.indexed() || enrichment.current(item.uri());
        }

        /**
         * Stops a run that breaks a contract before anything of it is published: the index drops what the
         * run wrote (searches keep the last good version), the run is recorded as failed with each
         * expectation that failed, and the sources' figures are kept for {@code sluice quality report}.
         */
        private ContractViolationException contractFailed(List<ExpectationResult> violations) {
            String summary = violations.stream()
                    .map(v -> v.key() + ": " + v.message())
                    .collect(java.util.stream.Collectors.joining("; "));
            try {
                index.discardUncommitted();
                catalog.finishRun(runId, System.currentTimeMillis(), "failed", counts(), "contract failed: " + summary);
                runQuality.record(false);
            } catch (RuntimeException e) {
                throw failed(e);
            }
            return new ContractViolationException(runId, violations, runQuality.measured());
        }

        /** Records the run as failed (best effort: the catalog may be what failed) and says what happened. */
        private SluiceException failed(Throwable cause) {
            try {
                catalog.finishRun(runId, System.currentTimeMillis(), "failed", counts(), describe(cause));
                catalog.recordSources(runId, listing.sources(), System.currentTimeMillis(), describe(cause));
            } catch (RuntimeException recording) {
                cause.addSuppressed(recording);
            }
            if (cause instanceof SluiceException e) {
                return e;
            }
            return new SluiceException(
                    "ingestion stopped because index " + index.path() + " failed: " + describe(cause)
                            + "; nothing of this run was committed, the index is as the last completed run left it",
                    cause);
        }

        private RunCounts counts() {
            return new RunCounts(
                    listing.seen(),
                    ingested.get(),
                    unchanged.get(),
                    quarantined.size(),
                    deleted.get(),
                    chunksWritten.get(),
                    chunksDone.get(),
                    reused.get());
        }

        private void skipUnchanged(SourceItem item, DocumentRecord before) {
            changes.add(new Catalog.Change.Seen(item.uri(), nowMillis));
            runQuality.unchanged(
                    item, before.indexed(), before.indexed() ? null : QuarantineReason.fromName(before.reason()));
            if (before.indexed()) {
                unchanged.incrementAndGet();
            } else {
                quarantined.add(new Quarantined(
                        item.uri(),
                        item.relativePath(),
                        QuarantineReason.fromName(before.reason()),
                        before.message() + " (unchanged since run " + before.runId() + ")"));
            }
            itemDone(item.sizeBytes());
        }

        /** Extract, normalize and chunk one item, then queue its chunks for embedding. */
        private void prepare(SourceItem item) {
            if (fatal.get() != null) {
                return;
            }
            try {
                if (item.file() == null) {
                    // The source proved the document unchanged without reading it, yet it must be processed.
                    throw new ItemFailure(
                            item.uri(),
                            QuarantineReason.FETCH_FAILED,
                            "the source answered 'not modified', so there was no content to process again;"
                                    + " run sync with --retry-quarantined to read it in full");
                }
                ExtractedDocument extracted = timed(Stage.EXTRACT, () -> extractor.extract(item.file(), item.uri()));
                NormalizedDocument extractedText = timed(Stage.NORMALIZE, () -> normalizer.normalize(extracted));
                String contentHash = sha256(extractedText.text());
                DocumentChecker.Checked checked =
                        timed(Stage.CHECK, () -> runQuality.check(item, extractedText, contentHash));
                if (checked != null && checked.quarantine() != null) {
                    quarantine(item, checked.quarantine(), checked.message(), checked);
                    return;
                }
                NormalizedDocument normalized = checked == null ? extractedText : checked.document();
                List<Chunk> chunks = timed(Stage.CHUNK, () -> chunker.chunk(normalized));
                if (chunks.isEmpty()) {
                    throw new ItemFailure(item.uri(), QuarantineReason.EMPTY, "no chunk after chunking");
                }
                DocumentAttributes attributes =
                        timed(Stage.CHUNK, () -> AttributeReader.read(normalized.text(), item.relativePath()));
                DocumentInfo info = new DocumentInfo(
                                item.uri(),
                                item.source(),
                                item.relativePath(),
                                DocumentTypes.shortName(normalized.mediaType()),
                                normalized.title(),
                                contentHash,
                                runOptions.accessOf(item),
                                attributes)
                        .withDuplicateOf(runQuality.collapseInto(item, checked));
                Enrichment enriched = timedInfallible(Stage.ENRICH, () -> enrichment.enrich(item, normalized, chunks));
                DocumentJob job =
                        new DocumentJob(item, info.withMetadata(enriched.metadata()), chunks, checked, enriched);
                Map<String, float[]> cached;
                try {
                    cached = catalog.vectors(embedder.modelId(), embedder.modelVersion(), List.of(job.keys));
                } catch (SluiceException e) {
                    fatal.compareAndSet(null, e); // the catalog failing is the run's failure, not this file's
                    return;
                }
                List<Integer> toEmbed = new ArrayList<>();
                for (int i = 0; i < chunks.size(); i++) {
                    float[] vector = cached.get(job.keys[i]);
                    if (vector != null && vector.length == embedder.dimensions()) {
                        job.vectors[i] = vector;
                        reused.incrementAndGet();
                    } else {
                        toEmbed.add(i);
                    }
                }
                if (toEmbed.isEmpty()) {
                    job.finish();
                    return;
                }
                job.remaining.set(toEmbed.size());
                for (int ordinal : toEmbed) {
                    if (!awaitPermit()) {
                        return; // the run is stopping; its error is reported by execute()
                    }
                    embedPool.execute(() -> job.embed(ordinal));
                }
            } catch (ItemFailure failure) {
                quarantine(item, failure.reason(), failure.getMessage());
            } catch (RuntimeException | Error e) {
                quarantine(item, QuarantineReason.INTERNAL_ERROR, describe(e));
            }
        }

        /** A document whose chunks are being embedded; written when its last chunk is done. */
        private final class DocumentJob {
            private final SourceItem item;
            private final DocumentInfo info;
            private final List<Chunk> chunks;
            private final float[][] vectors;
            private final DocumentChecker.Checked checked;
            private final Enrichment enriched;
            /** Each chunk's extra search text from transforms (context line, questions), or empty. */
            private final String[] extraText;

            private final AtomicInteger remaining = new AtomicInteger();
            private final Map<String, float[]> computed = new java.util.concurrent.ConcurrentHashMap<>();
            private volatile String failure;

            /** What the model reads for each chunk: its context header and text ({@link ChunkContext}). */
            private final String[] inputs;

            /**
             * Each chunk's key in the vector cache: its content hash when it is embedded alone, else the hash of
             * header and text, so that a vector made without the header (or with another) is never reused.
             */
            final String[] keys;

            DocumentJob(
                    SourceItem item,
                    DocumentInfo info,
                    List<Chunk> chunks,
                    DocumentChecker.Checked checked,
                    Enrichment enriched) {
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
                    inputs[i] = RunEnrichment.embeddingInput(
                            ChunkContext.embeddingInput(info.attributes(), c.headingPath(), c.text()),
                            context,
                            questions);
                    extraText[i] = RunEnrichment.searchText(context, questions);
                    keys[i] = inputs[i].equals(c.text()) ? c.contentHash() : sha256(inputs[i]);
                }
            }

            void embed(int ordinal) {
                try {
                    if (failure == null && fatal.get() == null) {
                        vectors[ordinal] = timedInfallible(Stage.EMBED, () -> embedder.embedPassage(inputs[ordinal]));
                        computed.put(keys[ordinal], vectors[ordinal]);
                        chunksDone.incrementAndGet();
                    }
                } catch (RuntimeException | Error e) {
                    failure = "chunk " + ordinal + ": " + describe(e);
                } finally {
                    inFlight.release();
                }
                if (remaining.decrementAndGet() == 0) {
                    finish();
                }
            }

            private void finish() {
                if (fatal.get() != null) {
                    return;
                }
                if (failure != null) {
                    quarantine(item, QuarantineReason.INTERNAL_ERROR, "embedding failed at " + failure);
                    return;
                }
                List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
                List<Catalog.ChunkRow> rows = new ArrayList<>(chunks.size());
                for (int i = 0; i < chunks.size(); i++) {
                    indexed.add(new IndexedChunk(chunks.get(i), vectors[i], extraText[i]));
                    rows.add(new Catalog.ChunkRow(
                            chunks.get(i).id(), chunks.get(i).contentHash()));
                }
                try {
                    // Vectors are kept before anything else: after a crash they are not computed again.
                    catalog.putVectors(embedder.modelId(), embedder.modelVersion(), computed);
                    timedInfallible(Stage.INDEX, () -> {
                        index.replaceDocument(info, indexed);
                        return null;
                    });
                } catch (RuntimeException | Error e) {
                    // The index or catalog itself failed (disk full, out of memory): no later write can be trusted.
                    fatal.compareAndSet(null, e);
                    return;
                }
                changes.add(new Catalog.Change.Indexed(
                        new DocumentRecord(
                                item.uri(),
                                item.source(),
                                item.relativePath(),
                                item.sizeBytes(),
                                item.lastModifiedMillis(),
                                info.contentHash(),
                                DocumentRecord.INDEXED,
                                null,
                                null,
                                chunker.version(),
                                embedder.modelId(),
                                embedder.modelVersion(),
                                chunks.size(),
                                firstSeen(item.uri()),
                                nowMillis,
                                runId,
                                item.version(),
                                info.access().fingerprint()),
                        rows));
                runQuality.indexed(item, info, checked);
                enrichment.indexed(item.uri(), enriched);
                chunksWritten.addAndGet(chunks.size());
                ingested.incrementAndGet();
                itemDone(item.sizeBytes());
            }
        }

        /**
         * Waits for room in the embedding queue; false when the run is stopping (fatal error or
         * interrupt), so an extraction thread never blocks forever on permits nobody will release.
         */
        private boolean awaitPermit() {
            try {
                while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (fatal.get() != null || embedPool.isShutdown() && embedPool.isTerminated()) {
                        return false;
                    }
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * Records a quarantined item. An earlier version of the document may be in the index from a
         * previous run: it is removed, so search never serves content the run could not vouch for.
         */
        private void quarantine(SourceItem item, QuarantineReason reason, String message) {
            quarantine(item, reason, message, null);
        }

        /** Quarantines {@code item}; {@code checked} are its checks when they ran (and may be why). */
        private void quarantine(
                SourceItem item, QuarantineReason reason, String message, DocumentChecker.Checked checked) {
            runQuality.quarantined(item.uri(), item.source(), reason, checked);
            quarantine(
                    item.uri(),
                    item.relativePath(),
                    item.sizeBytes(),
                    item.lastModifiedMillis(),
                    item.source(),
                    reason,
                    message,
                    item.version(),
                    runOptions.accessOf(item).fingerprint());
        }

        private void quarantine(
                String uri,
                String path,
                long bytes,
                long modifiedMillis,
                String source,
                QuarantineReason reason,
                String message,
                String version,
                String access) {
            try {
                index.deleteDocument(uri);
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, e);
            }
            quarantined.add(new Quarantined(uri, path, reason, message));
            changes.add(new Catalog.Change.Quarantined(new DocumentRecord(
                    uri,
                    source,
                    path,
                    bytes,
                    modifiedMillis,
                    null,
                    DocumentRecord.QUARANTINED,
                    reason.name(),
                    message,
                    null,
                    null,
                    null,
                    0,
                    firstSeen(uri),
                    nowMillis,
                    runId,
                    version,
                    access))); // who may learn that it exists (its name, its reason)
            itemDone(bytes);
        }

        private long firstSeen(String uri) {
            DocumentRecord before = detection.before(uri);
            return before == null ? nowMillis : before.firstSeenMillis();
        }

        private void itemDone(long bytes) {
            long bytesNow = bytesDone.addAndGet(bytes);
            int done = itemsDone.incrementAndGet();
            progress.progress(new ProgressListener.Progress(
                    done,
                    listing.seen(),
                    bytesNow,
                    bytesTotal,
                    chunksDone.get(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)));
        }

        private <T> T timed(Stage stage, Step<T> step) throws ItemFailure {
            long t0 = System.nanoTime();
            try {
                return step.run();
            } finally {
                stageNanos.get(stage).add(System.nanoTime() - t0);
            }
        }

        private <T> T timedInfallible(Stage stage, Supplier<T> step) {
            long t0 = System.nanoTime();
            try {
                return step.get();
            } finally {
                stageNanos.get(stage).add(System.nanoTime() - t0);
            }
        }
    }

    /** A stage's work; may fail for one item. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws ItemFailure;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                // keep waiting: a run ends when its work ends
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.sluice.core.SluiceException("ingestion interrupted");
        }
    }

    static String sha256(String text) {
        return dev.sluice.core.Hashing.sha256Hex(text);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
