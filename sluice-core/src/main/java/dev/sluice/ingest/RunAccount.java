package dev.sluice.ingest;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunCounts;
import dev.sluice.core.AccessList;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.source.Listing;
import dev.sluice.source.ListingFailure;
import dev.sluice.source.SourceItem;
import dev.sluice.transform.Enrichment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Where every item of one run ended: the "nothing is lost" accounting.
 *
 * <p>Each listed item reaches exactly one ending, and each ending counts it once and reports progress
 * once ({@link #itemDone}): {@link #indexed} (written to the index), {@link #unchanged} (skipped, counted as
 * unchanged or still quarantined) or {@link #quarantine} (with its reason; an earlier version is removed from
 * the index). A listing failure is quarantined too ({@link #listingFailure}); a document whose file is gone
 * is {@link #deleted}. So at the end {@code seen == ingested + unchanged + quarantined}, and the catalog
 * changes kept here are exactly what the run publishes after its index commit.
 *
 * <p>Each ending is also told to the run's quality checks and transforms, so that their records agree with
 * the catalog's. The account keeps the run's figures as well: chunks embedded and reused, time per stage.
 *
 * <p>Thread-safe: the preparing and embedding threads end items concurrently.
 */
final class RunAccount {
    /** A stage's work; may fail for one item. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws ItemFailure;
    }

    private final Listing listing;
    private final ProgressListener progress;
    private final ChunkIndex index;
    private final RunOptions options;
    private final ChangeDetection detection;
    private final RunQuality quality;
    private final RunEnrichment enrichment;
    private final AtomicReference<Throwable> fatal;
    private final long runId;
    private final long nowMillis;
    private final long startNanos;
    private final long bytesTotal;

    private final Map<Stage, LongAdder> stageNanos = new EnumMap<>(Stage.class);
    private final List<Quarantined> quarantined = Collections.synchronizedList(new ArrayList<>());
    private final List<Catalog.Change> changes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ingested = new AtomicInteger();
    private final AtomicInteger ingestedNew = new AtomicInteger();
    private final AtomicInteger unchanged = new AtomicInteger();
    private final AtomicInteger deleted = new AtomicInteger();
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicInteger chunksDone = new AtomicInteger();
    private final AtomicInteger chunksWritten = new AtomicInteger();
    private final AtomicInteger itemsDone = new AtomicInteger();
    private final AtomicLong bytesDone = new AtomicLong();

    /**
     * The account of run {@code runId}; {@code fatal} is the run's first failure of the index or catalog
     * itself (set here when removing a quarantined document's earlier version fails).
     */
    RunAccount(
            Listing listing,
            ProgressListener progress,
            ChunkIndex index,
            RunOptions options,
            ChangeDetection detection,
            RunQuality quality,
            RunEnrichment enrichment,
            AtomicReference<Throwable> fatal,
            long runId,
            long nowMillis,
            long startNanos) {
        this.listing = listing;
        this.progress = progress;
        this.index = index;
        this.options = options;
        this.detection = detection;
        this.quality = quality;
        this.enrichment = enrichment;
        this.fatal = fatal;
        this.runId = runId;
        this.nowMillis = nowMillis;
        this.startNanos = startNanos;
        this.bytesTotal =
                listing.items().stream().mapToLong(SourceItem::sizeBytes).sum();
        for (Stage stage : Stage.values()) {
            stageNanos.put(stage, new LongAdder());
        }
    }

    long runId() {
        return runId;
    }

    long nowMillis() {
        return nowMillis;
    }

    /** An item the source listed but could not read: quarantined with the listing's reason. */
    void listingFailure(ListingFailure failure) {
        quality.quarantined(failure.uri(), failure.source(), failure.reason(), null);
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
                        : options.accessOf(failure.source()).fingerprint());
    }

    /** An item whose change signal did not move: counted as unchanged, or as still quarantined. */
    void unchanged(SourceItem item, DocumentRecord before) {
        changes.add(new Catalog.Change.Seen(item.uri(), nowMillis));
        quality.unchanged(item, before.indexed(), before.indexed() ? null : QuarantineReason.fromName(before.reason()));
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

    /** A document whose file is gone: removed from the index (not a listed item, so no progress). */
    void deleted(DocumentRecord record) {
        index.deleteDocument(record.uri());
        quality.deleted(record.uri());
        enrichment.deleted(record.uri());
        changes.add(new Catalog.Change.Deleted(record.uri()));
        deleted.incrementAndGet();
    }

    /** A document written to the index (not committed yet) as {@code record} with its chunks' rows. */
    void indexed(
            SourceItem item,
            DocumentInfo info,
            DocumentRecord record,
            List<Catalog.ChunkRow> rows,
            DocumentChecker.Checked checked,
            Enrichment enriched) {
        changes.add(new Catalog.Change.Indexed(record, rows));
        quality.indexed(item, info, checked);
        enrichment.indexed(item.uri(), enriched);
        chunksWritten.addAndGet(rows.size());
        if (detection.before(item.uri()) == null) {
            ingestedNew.incrementAndGet();
        }
        ingested.incrementAndGet();
        itemDone(item.sizeBytes());
    }

    /**
     * Records a quarantined item. An earlier version of the document may be in the index from a
     * previous run: it is removed, so search never serves content the run could not vouch for.
     */
    void quarantine(SourceItem item, QuarantineReason reason, String message) {
        quarantine(item, reason, message, null);
    }

    /** Quarantines {@code item}; {@code checked} are its checks when they ran (and may be why). */
    void quarantine(SourceItem item, QuarantineReason reason, String message, DocumentChecker.Checked checked) {
        quality.quarantined(item.uri(), item.source(), reason, checked);
        quarantine(
                item.uri(),
                item.relativePath(),
                item.sizeBytes(),
                item.lastModifiedMillis(),
                item.source(),
                reason,
                message,
                item.version(),
                options.accessOf(item).fingerprint());
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

    /** When the catalog first saw {@code uri}: its record's, or now for a new document. */
    long firstSeen(String uri) {
        DocumentRecord before = detection.before(uri);
        return before == null ? nowMillis : before.firstSeenMillis();
    }

    /** A chunk's vector computed by the model. */
    void chunkEmbedded() {
        chunksDone.incrementAndGet();
    }

    /** A chunk's vector taken from the embedding cache. */
    void vectorReused() {
        reused.incrementAndGet();
    }

    private void itemDone(long bytes) {
        long bytesNow = bytesDone.addAndGet(bytes);
        int done = itemsDone.incrementAndGet();
        progress.progress(new ProgressListener.Progress(
                done, listing.seen(), bytesNow, bytesTotal, chunksDone.get(), elapsedMillis()));
    }

    /** Of the documents indexed, those the catalog had never seen (the others changed). */
    int newDocuments() {
        return ingestedNew.get();
    }

    /** The catalog changes of the run so far, in the order the items ended. */
    List<Catalog.Change> changes() {
        return new ArrayList<>(changes);
    }

    RunCounts counts() {
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

    /** The report of a run that published: the counts, the quarantined items by path, the time per stage. */
    IngestReport report(String modelId) {
        Map<Stage, Long> millis = new EnumMap<>(Stage.class);
        stageNanos.forEach((stage, nanos) -> millis.put(stage, TimeUnit.NANOSECONDS.toMillis(nanos.sum())));
        List<Quarantined> sorted = new ArrayList<>(quarantined);
        sorted.sort(Comparator.comparing(Quarantined::path));
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
                elapsedMillis(),
                modelId,
                index.path().toString(),
                listing.failedSources(),
                IngestReport.Generation.SAME,
                quality.measured(),
                enrichment.summary(),
                enrichment.stoppedBecause());
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    <T> T timed(Stage stage, Step<T> step) throws ItemFailure {
        long t0 = System.nanoTime();
        try {
            return step.run();
        } finally {
            stageNanos.get(stage).add(System.nanoTime() - t0);
        }
    }

    <T> T timedInfallible(Stage stage, Supplier<T> step) {
        long t0 = System.nanoTime();
        try {
            return step.get();
        } finally {
            stageNanos.get(stage).add(System.nanoTime() - t0);
        }
    }
}
