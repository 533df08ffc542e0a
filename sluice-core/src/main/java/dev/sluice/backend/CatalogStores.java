package dev.sluice.backend;

import dev.sluice.access.ApiKeyStore;
import dev.sluice.answer.AnswerStore;
import dev.sluice.catalog.Catalog;
import dev.sluice.eval.EvalRunStore;
import dev.sluice.incident.IncidentStore;
import dev.sluice.ingest.AdHocSourceStore;
import dev.sluice.llm.LedgerStore;
import dev.sluice.observe.TraceStore;
import dev.sluice.quality.QualityStore;
import dev.sluice.review.ReviewStore;
import dev.sluice.transform.TransformStore;

/**
 * The catalog with every store a knowledge base keeps beside it: documents, chunks, runs and the
 * vector cache ({@link Catalog}), the LLM ledger and budgets, evaluation runs, answers and feedback, API
 * keys, traces, incidents, quality findings, reviews, transform outputs and ad-hoc sources. The
 * embedded implementation is SQLite in the index folder ({@code dev.sluice.sqlite.SqliteCatalog});
 * {@code catalog.backend: postgresql} plugs in a shared one. Every implementation passes the contract
 * suites of {@code dev.sluice.contract}, and is safe for several processes at once: a budget
 * reservation, a key's revocation or a run's start made by one process holds for all.
 */
public interface CatalogStores extends Catalog, LedgerStore, EvalRunStore, AnswerStore, ApiKeyStore, TraceStore {
    /** Where the stores live, for messages: a file, or a database URL without credentials. */
    String describe();

    /** The schema version: the number of migrations applied. */
    int schemaVersion();

    /** The folders and globs ingested by name on the command line. */
    AdHocSourceStore adHocSources();

    /** Incidents and their notifications. */
    IncidentStore incidents();

    /** Document checks and source figures per run. */
    QualityStore quality();

    /** Cross-source conflicts found at ingestion, and their reviews. */
    ReviewStore reviews();

    /** LLM transform outputs, pending items and batches. */
    TransformStore transforms();

    /**
     * Takes this knowledge base's writer lock, so that one ingestion writes at a time, whichever process
     * starts it (a service replica, a Spark driver, the CLI); null when another process holds it. Closing
     * the lock releases it, and so does the holder's death (a shared catalog ties it to the holder's
     * connection). The embedded catalog relies on the embedded index's own write lock and holds nothing.
     */
    default WriterLock tryLockWriter() {
        return WriterLock.NONE;
    }

    /** A held writer lock; {@link #close} releases it. */
    interface WriterLock extends AutoCloseable {
        /** A lock that holds nothing: where the index's own lock serializes writers. */
        WriterLock NONE = () -> {};

        @Override
        void close();
    }
}
