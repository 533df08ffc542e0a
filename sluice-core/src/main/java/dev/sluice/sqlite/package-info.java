/**
 * The embedded catalog: SQLite beside the index ({@code catalog.sqlite}), implementing every store
 * seam of the stages in one file: {@link dev.sluice.catalog.Catalog} (documents, chunks, runs,
 * vectors), {@link dev.sluice.llm.LedgerStore}, {@link dev.sluice.eval.EvalRunStore},
 * {@link dev.sluice.answer.AnswerStore}, {@link dev.sluice.access.ApiKeyStore},
 * {@link dev.sluice.observe.TraceStore} and (through {@code incidents()} and {@code reviews()}) {@link
 * dev.sluice.incident.IncidentStore} and {@link dev.sluice.review.ReviewStore} (and, through
 * {@code adHocSources()}, {@link dev.sluice.ingest.AdHocSourceStore}: folders given as PATH, to sync again). It sits above the
 * stages (it implements their interfaces) and below the front door, which opens it; no stage imports
 * it, so a PostgreSQL catalog can replace it without touching them.
 *
 * <p>Schema changes are numbered migrations ({@code CatalogSchema}) applied in order at open; an
 * upgrade keeps the data. Calls are serialized on one connection; WAL mode lets other processes read
 * while one writes. The SQL of each store lives in its own class ({@code DocumentSql},
 * {@code ChunkSql} (chunk rows and the embedding cache), {@code RunSql}, {@code LedgerSql}, {@code EvalRunSql}, {@code AnswerSql}, {@code ApiKeySql},
 * {@code TraceSql}, {@code IncidentSql}, {@code ReviewSql}); the stores run it through {@code read} (one call) and
 * {@code write} (one transaction), both serialized on the connection.
 *
 * <p>{@code SqliteCatalog} is the one place that owns the connection, the transactions and the write
 * protocol of every store: each seam's method there is a few lines that run its SQL class through
 * {@code read} or {@code write}. Keep it so: a new store adds its SQL class and one accessor, never JDBC
 * code here; the transaction boundaries that the crash-safety argument rests on stay readable in one
 * file.
 */
package dev.sluice.sqlite;
