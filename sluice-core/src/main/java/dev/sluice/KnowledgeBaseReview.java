package dev.sluice;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.conflict.SentenceConflicts;
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
 * commit, on the searcher that sees it; its time is the run's {@link Stage#CONFLICTS} stage; it never
 * fails the sync: a failure is logged, recorded with the run ({@link ReviewScan#error()}) and shown by
 * the faces as a warning.
 */
final class KnowledgeBaseReview {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBaseReview.class);

    private KnowledgeBaseReview() {}

    /** The report with the check's time, after checking the run's documents (when the check is on). */
    static IngestReport afterSync(KnowledgeBase kb, IngestReport report, Span span) {
        if (!kb.config().checks().conflicts()) {
            return report;
        }
        long started = System.nanoTime();
        ReviewScan scan;
        ReviewStore store = null;
        try {
            store = kb.reviews();
            List<String> uris = kb.catalog().documentsOfRun(report.runId()).stream()
                    .filter(d -> DocumentRecord.INDEXED.equals(d.status()))
                    .map(DocumentRecord::uri)
                    .toList();
            LuceneIndex index = kb.searcher().index();
            IndexSearcher searcher = index.acquire();
            try {
                scan = IngestionConflicts.defaults(
                                SentenceConflicts.remembering(IngestionConflicts.REMEMBERED_PASSAGES))
                        .check(searcher, report.runId(), uris, store, System.currentTimeMillis());
            } finally {
                index.release(searcher);
            }
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
