package dev.sluice.jdbc;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackDiagnosis;
import dev.sluice.answer.FeedbackRecord;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunCounts;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.ProcessOwner;
import dev.sluice.eval.EvalQueryResult;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmReservation;
import dev.sluice.llm.LlmSpendRow;
import dev.sluice.llm.LlmTotals;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.TraceSummary;
import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The catalog and every store beside it on one JDBC connection, the same SQL for SQLite and
 * PostgreSQL: each seam's method is a few lines that run its SQL class through {@link #read} or
 * {@link #write}. Subclasses open the connection, migrate the schema, say how the write lock is taken
 * ({@link #lockForWrite}) and how the catalog is copied ({@link #copyTo}).
 *
 * <p>Write protocol, which makes every run safe to repeat after a crash: vectors go into the cache as
 * soon as they are computed (their own transactions); document changes are applied in one
 * transaction <em>after</em> the index commit. A crash between the two leaves the catalog behind the
 * index, never ahead: the next run sees those files as changed, processes them again (taking vectors
 * from the cache) and removes index entries the catalog does not know.
 *
 * <p>Thread-safe: calls are serialized on one connection.
 */
public abstract class JdbcCatalog extends JdbcConnection implements dev.sluice.backend.CatalogStores {
    protected JdbcCatalog(SqlDialect dialect, Connection connection) {
        super(dialect, connection);
    }

    /** Every document the catalog knows, by URI. */
    @Override
    public Map<String, DocumentRecord> documents() {
        return read("read documents", DocumentSql::all);
    }

    @Override
    public List<DocumentGroup> documentGroups() {
        return read("count documents", DocumentSql::groups);
    }

    @Override
    public List<DocumentRecord> quarantinedDocuments() {
        return read(
                "read quarantined documents",
                c -> DocumentSql.list(
                        c,
                        "SELECT * FROM documents WHERE status = ? ORDER BY source, path",
                        DocumentRecord.QUARANTINED));
    }

    /** The document with this URI, or null. */
    @Override
    public DocumentRecord document(String uri) {
        return read(
                "read document " + uri,
                c -> DocumentSql.list(c, "SELECT * FROM documents WHERE uri = ?", uri).stream()
                        .findFirst()
                        .orElse(null));
    }

    /** The documents a run last changed. */
    @Override
    public List<DocumentRecord> documentsOfRun(long runId) {
        return read(
                "read the documents of run " + runId,
                c -> DocumentSql.list(c, "SELECT * FROM documents WHERE run_id = ? ORDER BY uri", runId));
    }

    @Override
    public List<Removal> removals(String ref) {
        return read("read the removed documents named " + ref, c -> DocumentSql.removals(c, ref));
    }

    /** The lineage of a chunk by id, or null when the catalog has no such chunk. */
    @Override
    public ChunkLineage chunk(String id) {
        return read("read a chunk", c -> ChunkSql.lineage(c, id));
    }

    /** One run by number, or null. */
    @Override
    public RunRecord run(long id) {
        return read(
                "read runs",
                c -> RunSql.runs(c, "SELECT * FROM runs WHERE id = ?", id).stream()
                        .findFirst()
                        .orElse(null));
    }

    /** The chunk rows of a document, in order (empty when unknown or quarantined). */
    @Override
    public List<ChunkRow> chunks(String documentUri) {
        return read("read chunks", c -> ChunkSql.rows(c, documentUri));
    }

    /** Cached vectors of a model for the given chunk content hashes (those it has). */
    @Override
    public Map<String, float[]> vectors(String modelId, String modelVersion, Collection<String> contentHashes) {
        return read("read cached embeddings", c -> ChunkSql.vectors(c, modelId, modelVersion, contentHashes));
    }

    /** Stores computed vectors at once, in one transaction: work done is never done again. */
    @Override
    public void putVectors(String modelId, String modelVersion, Map<String, float[]> byContentHash) {
        if (byContentHash.isEmpty()) {
            return;
        }
        write("store embeddings", c -> {
            ChunkSql.putVectors(c, modelId, modelVersion, byContentHash);
            return byContentHash;
        });
    }

    /** Number of cached vectors (all models). */
    @Override
    public int cachedVectorCount() {
        return read("count rows", ChunkSql::vectorCount);
    }

    /** Number of chunk rows. */
    @Override
    public int chunkCount() {
        return read("count rows", ChunkSql::chunkCount);
    }

    /**
     * Records the start of a run and closes earlier runs whose process is gone, in one transaction holding
     * the write lock, so that two processes starting runs at once each see the other's row or none.
     */
    @Override
    public long startRun(String trigger, long nowMillis, ProcessOwner owner) {
        return writeImmediate("record the start of a run", c -> RunSql.start(c, trigger, nowMillis, owner));
    }

    /** Records how a run ended. */
    @Override
    public void finishRun(long runId, long nowMillis, String status, RunCounts counts, String error) {
        write("record the end of a run", c -> {
            RunSql.finish(c, runId, nowMillis, status, counts, error);
            return runId;
        });
    }

    /** Records that a run finished for these sources, successfully or not. */
    @Override
    public void recordSources(long runId, Collection<String> names, long nowMillis, String error) {
        write("record the sources of a run", c -> {
            RunSql.recordSources(c, runId, names, nowMillis, error);
            return runId;
        });
    }

    /** Every source the catalog has seen a run for, by name. */
    @Override
    public Map<String, SourceState> sources() {
        return read("read sources", RunSql::sources);
    }

    /** The most recent runs, newest first. */
    @Override
    public List<RunRecord> runs(int limit) {
        return read("read runs", c -> RunSql.runs(c, "SELECT * FROM runs ORDER BY id DESC LIMIT ?", limit));
    }

    /** Applies a run's document changes in one transaction. */
    @Override
    public void apply(long runId, List<Change> changes) {
        write("record the run's documents", c -> {
            DocumentSql.apply(c, runId, changes);
            return changes;
        });
    }

    // The stores beside the catalog: each call one read, or one write in a transaction, on the same
    // connection (read and write are synchronized with every other call).

    /** Records a finished evaluation run and its per-query results in one transaction; returns its id. */
    @Override
    public long saveEvalRun(EvalRunRecord run, List<EvalQueryResult> results) {
        return write("record the evaluation run", c -> EvalRunSql.insert(c, run, results));
    }

    /** Every evaluation run, newest first. */
    @Override
    public List<EvalRunRecord> evalRuns() {
        return read("read evaluation runs", EvalRunSql::runs);
    }

    /** One evaluation run, or null when there is none with this id. */
    @Override
    public EvalRunRecord evalRun(long id) {
        return read("read evaluation run " + id, c -> EvalRunSql.run(c, id));
    }

    /** The per-query results of an evaluation run, by mode and then in query order. */
    @Override
    public List<EvalQueryResult> evalResults(long runId) {
        return read("read the results of evaluation run " + runId, c -> EvalRunSql.results(c, runId));
    }

    /** Appends a row to the LLM ledger; returns its id. */
    @Override
    public long recordLlmCall(LlmCallRecord call) {
        return write("record an LLM call", c -> LedgerSql.insert(c, call));
    }

    /** Exact LLM spend in picodollars since {@code sinceMillis}, of one key when {@code keyId} is not null. */
    @Override
    public long llmSpendPicoUsd(long sinceMillis, String keyId) {
        return read("read LLM spend", c -> LedgerSql.spendSince(c, sinceMillis, keyId));
    }

    /** Sums and reserves in one transaction holding the write lock: no other process can reserve in between. */
    @Override
    public long reserveLlmSpend(
            LlmReservation reservation,
            long dayStartMillis,
            long monthStartMillis,
            java.util.function.Consumer<Standing> check) {
        return writeImmediate(
                "reserve LLM budget", c -> LedgerSql.reserve(c, reservation, dayStartMillis, monthStartMillis, check));
    }

    @Override
    public void releaseLlmReservation(long id) {
        write("release an LLM budget reservation", c -> LedgerSql.release(c, id));
    }

    @Override
    public List<LlmReservation> llmReservations() {
        return read("read LLM budget reservations", LedgerSql::reservations);
    }

    /** LLM ledger rows since {@code sinceMillis}, oldest first. */
    @Override
    public List<LlmCallRecord> llmCalls(long sinceMillis) {
        return read("read LLM calls", c -> LedgerSql.calls(c, sinceMillis));
    }

    /** LLM spend since {@code sinceMillis} by UTC day, model, purpose and outcome. */
    @Override
    public List<LlmSpendRow> llmSpendByDay(long sinceMillis) {
        return read("read LLM spend by day", c -> LedgerSql.spendByDay(c, dialect, sinceMillis));
    }

    /** Everything the ledger holds, summed: calls, tokens in and out, calls answered from the cache, spend. */
    @Override
    public LlmTotals llmTotals() {
        return read("read the LLM ledger", LedgerSql::totals);
    }

    /** Stores a new API key by its hash (the key itself is shown once by the caller, never stored). */
    @Override
    public void addApiKey(ApiKeyRecord key, String keyHash) {
        write("store the API key", c -> {
            ApiKeySql.insert(c, key, keyHash);
            return key;
        });
    }

    /** The key with this hash, revoked or not, or null. */
    @Override
    public ApiKeyRecord apiKeyByHash(String keyHash) {
        return read("read API keys", c -> ApiKeySql.byHash(c, keyHash));
    }

    /** Every API key, oldest first. */
    @Override
    public List<ApiKeyRecord> apiKeys() {
        return read("read API keys", ApiKeySql::all);
    }

    /** Revokes a key; false when there is no valid key with this id. */
    @Override
    public boolean revokeApiKey(String id, long nowMillis) {
        return write("revoke the API key", c -> ApiKeySql.revoke(c, id, nowMillis));
    }

    /** Keeps an answer the service gave, so that feedback can name it. */
    @Override
    public void addAnswer(AnswerRecord answer) {
        write("store the answer", c -> {
            AnswerSql.insertAnswer(c, answer);
            return answer;
        });
    }

    /** The answer with this id, or null. */
    @Override
    public AnswerRecord answer(String id) {
        return read("read answers", c -> AnswerSql.answer(c, id));
    }

    /** Stores feedback on an answer; returns its number. */
    @Override
    public long addFeedback(FeedbackRecord feedback) {
        return write("store the feedback", c -> AnswerSql.insertFeedback(c, feedback));
    }

    /** Keeps the diagnosis a thumbs-down ran with its feedback. */
    @Override
    public void addFeedbackDiagnosis(long feedbackId, FeedbackDiagnosis diagnosis) {
        write("store the feedback's diagnosis", c -> {
            AnswerSql.upsertDiagnosis(c, feedbackId, diagnosis);
            return diagnosis;
        });
    }

    /** The latest feedback, newest first. */
    @Override
    public List<AnswerStore.Feedback> feedback(int limit) {
        return read("read feedback", c -> AnswerSql.feedback(c, limit));
    }

    @Override
    public List<AnswerRecord> answersSince(long sinceMillis, int limit) {
        return read("read answers", c -> AnswerSql.answersSince(c, sinceMillis, limit));
    }

    @Override
    public List<AnswerStore.Feedback> feedbackSince(long sinceMillis, int limit) {
        return read("read feedback", c -> AnswerSql.feedbackSince(c, sinceMillis, limit));
    }

    @Override
    public void addSpans(List<SpanRecord> spans) {
        write("keep spans", c -> {
            TraceSql.add(c, spans);
            return spans;
        });
    }

    @Override
    public List<SpanRecord> trace(String traceId) {
        return read("read trace " + traceId, c -> TraceSql.trace(c, traceId));
    }

    @Override
    public List<TraceSummary> recentTraces(int limit) {
        return read("list traces", c -> TraceSql.recent(c, limit));
    }

    @Override
    public int pruneTraces(long olderThanEpochMillis, int maxSpans) {
        return write("prune traces", c -> TraceSql.prune(c, olderThanEpochMillis, maxSpans));
    }

    @Override
    public List<SpanRecord> rootSpans(long sinceEpochMillis, int limit) {
        return read("read traces", c -> TraceSql.spans(c, null, sinceEpochMillis, limit));
    }

    @Override
    public List<SpanRecord> spansNamed(String name, long sinceEpochMillis, int limit) {
        return read("read traces", c -> TraceSql.spans(c, name, sinceEpochMillis, limit));
    }

    private JdbcAdHocSources adHocSources;

    /** The folders ingested by name on the command line, kept in this catalog. */
    @Override
    public synchronized dev.sluice.ingest.AdHocSourceStore adHocSources() {
        return adHocSources == null ? adHocSources = new JdbcAdHocSources(this) : adHocSources;
    }

    private JdbcIncidents incidents;

    /** The incident store, kept in this catalog. */
    @Override
    public synchronized dev.sluice.incident.IncidentStore incidents() {
        if (incidents == null) {
            incidents = new JdbcIncidents(this);
        }
        return incidents;
    }

    private JdbcQuality quality;

    /** The quality store (document checks, source figures per run), kept in this catalog. */
    @Override
    public synchronized dev.sluice.quality.QualityStore quality() {
        if (quality == null) {
            quality = new JdbcQuality(this);
        }
        return quality;
    }

    private JdbcReviews reviews;

    /** The review store (cross-source conflicts found at ingestion), kept in this catalog. */
    @Override
    public synchronized dev.sluice.review.ReviewStore reviews() {
        if (reviews == null) {
            reviews = new JdbcReviews(this);
        }
        return reviews;
    }

    private JdbcTransforms transforms;

    /** The store of LLM transform outputs, kept in this catalog. */
    @Override
    public synchronized dev.sluice.transform.TransformStore transforms() {
        if (transforms == null) {
            transforms = new JdbcTransforms(this);
        }
        return transforms;
    }

    /**
     * Copies every row of {@code tables}, read on {@code from} (this catalog's connection, inside the
     * caller's transaction, so that a database that streams rows only in one does), into the same tables
     * of {@code target} (empty, same column names), in one transaction there: how a catalog of another
     * database becomes a SQLite file.
     */
    protected static void copyRows(Connection from, JdbcCatalog target, List<String> tables) {
        target.write("receive a copy", to -> {
            for (String table : tables) {
                copyTable(from, to, table);
            }
            return tables;
        });
    }

    private static void copyTable(Connection from, Connection to, String table) throws java.sql.SQLException {
        try (java.sql.Statement s = from.createStatement()) {
            s.setFetchSize(1000); // rows streamed, not all held at once (PostgreSQL: inside a transaction)
            try (java.sql.ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                java.sql.ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new java.util.ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnName(i));
                }
                String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
                try (java.sql.PreparedStatement ps = to.prepareStatement(sql)) {
                    int batched = 0;
                    while (rs.next()) {
                        for (int i = 1; i <= columns.size(); i++) {
                            ps.setObject(i, rs.getObject(i));
                        }
                        ps.addBatch();
                        if (++batched % 1000 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
            }
        }
    }
}
