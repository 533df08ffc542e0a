package dev.sluice.ingest;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunCounts;
import dev.sluice.chunk.Chunk;
import dev.sluice.chunk.Chunker;
import dev.sluice.core.Checks;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.extract.Extractor;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.llm.LedgerStore;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.quality.ExpectationResult;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.QualityStore;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.source.KnownVersion;
import dev.sluice.source.Listing;
import dev.sluice.source.SourceItem;
import dev.sluice.transform.Enrichment;
import dev.sluice.transform.TransformStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

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

    private final DocumentProcessor processor;
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
        this.processor = new DocumentProcessor(extractor, normalizer, chunker);
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
        return new Run(listing, progress, options, null).execute();
    }

    /**
     * As {@link #run(Listing, ProgressListener, RunOptions)}, with the changed documents prepared and
     * embedded elsewhere ({@code remote}: the Spark job's executors) and handed back to this thread, which
     * accounts for them, writes them (unless already written) and publishes the run as a local run would.
     * Transforms are not run on documents prepared elsewhere.
     */
    public IngestReport run(Listing listing, ProgressListener progress, RunOptions options, RemotePreparation remote) {
        return new Run(listing, progress, options, java.util.Objects.requireNonNull(remote, "remote")).execute();
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

    /** The state of one run; one instance per {@link #run} call: its threads and the hand-over between them. */
    private final class Run {
        private final Listing listing;
        private final ProgressListener progress;
        private final RunOptions runOptions;
        private final long startNanos = System.nanoTime();
        private final long nowMillis = System.currentTimeMillis();
        private final Semaphore inFlight = new Semaphore(MAX_CHUNKS_IN_FLIGHT);
        private final AtomicReference<Throwable> fatal = new AtomicReference<>();
        private final ExecutorService extractPool;
        private final ExecutorService embedPool;

        private long runId;
        /** The run as its observer knows it; null until the catalog numbered it. */
        private RunObserver.Start start;
        /** Whether the observer heard how the run ended (it hears it once). */
        private boolean endTold;

        private ChangeDetection detection;
        private RunQuality runQuality;
        private RunEnrichment enrichment;
        /** Where each item ended; null until the run's parts are set up. */
        private RunAccount account;

        private DocumentJob.Target target;
        /** Gathers chunks of several documents into one request for a model that takes batches; else null. */
        private EmbedBatcher batcher;

        /** Where changed documents are prepared instead of this process's threads; null: here. */
        private final RemotePreparation remote;

        private DocumentProcessor.Timer timer;

        Run(Listing listing, ProgressListener progress, RunOptions runOptions, RemotePreparation remote) {
            this.remote = remote;
            this.runOptions = runOptions;
            this.listing = listing;
            this.progress = progress;
            extractPool = Executors.newFixedThreadPool(extractThreads, named("sluice-extract"));
            embedPool = Executors.newFixedThreadPool(embedThreads, named("sluice-embed"));
        }

        IngestReport execute() {
            runId = catalog.startRun("ingest", nowMillis);
            start = new RunObserver.Start(
                    runId, nowMillis, embedder.modelId(), embedder.modelVersion(), chunker.version());
            tell(false, o -> o.started(start));
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
                account = new RunAccount(
                        listing,
                        progress,
                        index,
                        runOptions,
                        detection,
                        runQuality,
                        enrichment,
                        fatal,
                        runId,
                        nowMillis,
                        startNanos);
                target = new DocumentJob.Target(embedder, index, catalog, chunker.version(), account, inFlight, fatal);
                timer = new DocumentProcessor.Timer() {
                    @Override
                    public <T> T timed(Stage stage, DocumentProcessor.Step<T> step) throws ItemFailure {
                        return account.timed(stage, step::run);
                    }
                };
                if (embedder.batchSize() > 1) {
                    batcher = new EmbedBatcher(
                            embedder,
                            Math.min(embedder.batchSize(), MAX_CHUNKS_IN_FLIGHT / 4),
                            embedPool,
                            account,
                            fatal);
                }
                detection.orphans().forEach(index::deleteDocument);
                listing.failures().forEach(account::listingFailure);
                List<SourceItem> changed = new java.util.ArrayList<>();
                for (SourceItem item : listing.items()) {
                    if (detection.unchanged(item) && unchangedEnrichment(item)) {
                        account.unchanged(item, detection.before(item.uri()));
                    } else if (remote != null) {
                        changed.add(item);
                    } else {
                        extractPool.execute(() -> prepare(item));
                    }
                }
                if (remote != null && !changed.isEmpty()) {
                    remote.prepare(runId, changed, new RemoteResults(target, runQuality)::accept);
                }
                detection.gone(listing).forEach(account::deleted);
                extractPool.shutdown();
                awaitQuietly(extractPool);
                if (batcher != null) {
                    batcher.flush(); // the last, partial batch: every document is prepared now
                }
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
            return publish();
        }

        /**
         * Publishes a run whose work is done: holds it to the sources' contracts, commits the index, then
         * applies the run's changes to the catalog and records the run and its sources.
         */
        private IngestReport publish() {
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
                account.timedInfallible(Stage.INDEX, () -> {
                    index.commit();
                    return null;
                });
                // After the index commit, never before: the catalog may lag the index, never lead it.
                catalog.apply(runId, account.changes());
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
                    account.counts(),
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
            IngestReport report = account.report(embedder.modelId());
            tell(true, o -> o.completed(start, report, account.newDocuments()));
            return report;
        }

        /**
         * Tells the run's observer, once for the run's end; what it throws is dropped, since an observer
         * (lineage) must never fail a run and says itself what went wrong.
         */
        private void tell(boolean end, java.util.function.Consumer<RunObserver> what) {
            if (end) {
                if (endTold) {
                    return;
                }
                endTold = true;
            }
            try {
                what.accept(runOptions.observer());
            } catch (RuntimeException dropped) {
                // the observer's own failure; it is not the run's
            }
        }

        /**
         * Whether an unchanged document may be skipped: quarantined, or checked under its source's current
         * policy and enriched as the transforms would now.
         */
        private boolean unchangedEnrichment(SourceItem item) {
            DocumentRecord before = detection.before(item.uri());
            return !before.indexed() || enrichment.current(item.uri()) && runQuality.current(item);
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
            tell(true, o -> o.failed(start, counts(), "contract failed: " + summary, false));
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
            boolean aborted = Thread.currentThread().isInterrupted();
            tell(true, o -> o.failed(start, counts(), describe(cause), aborted));
            if (cause instanceof SluiceException e) {
                return e;
            }
            return new SluiceException(
                    "ingestion stopped because index " + index.path() + " failed: " + describe(cause)
                            + "; nothing of this run was committed, the index is as the last completed run left it",
                    cause);
        }

        /** The run's counts; before its parts are set up (a failure there), only the items listed. */
        private RunCounts counts() {
            return account != null ? account.counts() : new RunCounts(listing.seen(), 0, 0, 0, 0, 0, 0, 0);
        }

        /** Extract, normalize and chunk one item, then queue its chunks for embedding. */
        private void prepare(SourceItem item) {
            if (fatal.get() != null) {
                return;
            }
            try {
                DocumentProcessor.Outcome outcome =
                        processor.prepare(item, runOptions.accessOf(item), timer, runQuality);
                if (outcome instanceof DocumentProcessor.Quarantine q) {
                    account.quarantine(item, q.reason(), q.message(), q.checked());
                    return;
                }
                DocumentProcessor.Prepared prepared = (DocumentProcessor.Prepared) outcome;
                DocumentInfo info = prepared.info();
                List<Chunk> chunks = prepared.chunks();
                NormalizedDocument normalized = prepared.normalized();
                DocumentChecker.Checked checked = prepared.checked();
                Enrichment enriched =
                        account.timedInfallible(Stage.ENRICH, () -> enrichment.enrich(item, normalized, chunks));
                DocumentJob job = new DocumentJob(
                        target, item, info.withMetadata(enriched.metadata()), chunks, checked, enriched);
                Map<String, float[]> cached;
                try {
                    cached = catalog.vectors(embedder.modelId(), embedder.modelVersion(), job.keys());
                } catch (SluiceException e) {
                    fatal.compareAndSet(null, e); // the catalog failing is the run's failure, not this file's
                    return;
                }
                List<Integer> toEmbed = job.useCached(cached);
                if (toEmbed.isEmpty()) {
                    job.finish();
                    return;
                }
                for (int ordinal : toEmbed) {
                    if (!awaitPermit()) {
                        return; // the run is stopping; its error is reported by execute()
                    }
                    if (batcher != null) {
                        batcher.add(job, ordinal); // an endpoint: a request per batch, across documents
                    } else {
                        embedPool.execute(() -> job.embed(ordinal));
                    }
                }
            } catch (ItemFailure failure) {
                account.quarantine(item, failure.reason(), failure.getMessage());
            } catch (RuntimeException | Error e) {
                account.quarantine(item, QuarantineReason.INTERNAL_ERROR, describe(e));
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
    }

    static String describe(Throwable e) {
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
