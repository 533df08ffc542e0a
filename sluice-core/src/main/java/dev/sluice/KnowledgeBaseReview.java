package dev.sluice;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.Stage;
import dev.sluice.review.IngestionConflicts;
import dev.sluice.review.ReviewScan;
import dev.sluice.review.ReviewStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conflict check at the end of every sync ({@code checks.conflicts}), for {@link KnowledgeBase#sync}:
 * the one place the CLI's sync and ingest and the service's ingest jobs pass through. It runs after the
 * commit, on the searcher that sees it, on a thread at the run's niceness ({@code sluice-review-check}); its time is the run's {@link Stage#CONFLICTS} stage; it never
 * fails the sync: a failure is logged, recorded with the run ({@link ReviewScan#error()}) and shown by
 * the faces as a warning.
 */
final class KnowledgeBaseReview {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseReview.class);

    private KnowledgeBaseReview() {}

    /** The report with the check's time, after checking the run's documents (when the check is on). */
    static IngestReport afterSync(KnowledgeBase kb, IngestReport report, Span span, IngestOptions options) {
        if (!kb.config().quality().conflicts()) {
            return report;
        }
        if (!kb.backends().choice().index().embedded()) {
            // The check reads index terms directly: the embedded index only (docs/scale-out.md).
            LOG.info(
                    "checks.conflicts is skipped on index.backend: {} (the check runs on the embedded index only)",
                    kb.backends().index().name());
            return report;
        }
        long started = System.nanoTime();
        ReviewScan scan;
        ReviewStore store = null;
        try {
            store = kb.reviews();
            ReviewStore reviews = store;
            // One thread: two cost 46% more CPU (each remembers only its own readings) for little less wall
            // time on a 2-core machine beside other work (docs/review.md).
            scan = lowered(options.niceness(), () -> check(kb, report.runId(), reviews, 1));
            scan = withMillis(scan, millisSince(started));
        } catch (RuntimeException e) {
            LOG.warn(
                    "the conflict check of run {} failed (the sync itself succeeded): {}",
                    report.runId(),
                    e.toString());
            scan = ReviewScan.failed(report.runId(), millisSince(started), String.valueOf(e.getMessage()));
        }
        if (store != null) {
            try {
                store.recordScan(scan);
            } catch (RuntimeException e) {
                LOG.warn("cannot record the conflict check of run {}: {}", report.runId(), e.toString());
            }
        }
        if (scan.ok() && scan.added() + scan.reopened() > 0) {
            LOG.info(
                    "conflict check of run {}: {} new review item(s) (sluice review list)",
                    report.runId(),
                    scan.added() + scan.reopened());
        }
        if (span.isRecording()) {
            span.addEvent(
                    scan.ok() ? "conflict check" : "conflict check failed",
                    Attributes.of(
                            AttributeKey.longKey("sluice.review.added"), (long) scan.added(),
                            AttributeKey.longKey("sluice.review.source_changed"), (long) scan.sourceChanged(),
                            AttributeKey.stringKey("sluice.error"), String.valueOf(scan.error())));
        }
        return report.withStageMillis(Stage.CONFLICTS, scan.millis());
    }

    /** The check over the run's documents, on {@code threads} threads. */
    private static ReviewScan check(KnowledgeBase kb, long runId, ReviewStore store, int threads) {
        List<String> uris = kb.catalog().documentsOfRun(runId).stream()
                .filter(d -> DocumentRecord.INDEXED.equals(d.status()))
                .map(DocumentRecord::uri)
                .toList();
        // afterSync runs the check on the embedded index only
        LuceneIndex index =
                ((dev.sluice.backend.LuceneSearchIndex) kb.searcher().index()).lucene();
        IndexSearcher searcher = index.acquire();
        try {
            return IngestionConflicts.defaults()
                    .analyzedAs(index.settings().language())
                    .check(searcher, runId, uris, store, System.currentTimeMillis(), threads);
        } finally {
            index.release(searcher);
        }
    }

    /**
     * Runs {@code body} on a thread of its own at the run's niceness, as the ingestion itself ran ({@link
     * Ingester#run}), so a service's searches keep the CPU; the caller waits. Its failure is thrown here.
     */
    private static ReviewScan lowered(int niceness, java.util.function.Supplier<ReviewScan> body) {
        if (niceness == 0 || !dev.sluice.core.Niceness.supported()) {
            return body.get();
        }
        java.util.concurrent.atomic.AtomicReference<ReviewScan> result =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Runnable run = io.opentelemetry.context.Context.current().wrap(() -> {
            dev.sluice.core.Niceness.lowerCurrentThread(niceness);
            try {
                result.set(body.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        Thread checker = Thread.ofPlatform().name("sluice-review-check").start(run);
        boolean interrupted = false;
        while (true) {
            try {
                checker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the check is short and read-mostly: wait for it, then pass the interrupt on
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static ReviewScan withMillis(ReviewScan s, long millis) {
        return new ReviewScan(
                s.runId(),
                s.documents(),
                s.chunks(),
                s.candidates(),
                s.found(),
                s.added(),
                s.reopened(),
                s.sourceChanged(),
                millis,
                s.error());
    }
}
