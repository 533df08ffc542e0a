/**
 * The catalog's stores on JDBC, one SQL for SQLite and PostgreSQL: {@link dev.sluice.jdbc.JdbcCatalog}
 * implements {@link dev.sluice.backend.CatalogStores} (documents, chunks, runs and the vector cache,
 * the LLM ledger and budgets, evaluation runs, answers, API keys, traces, and through accessors the
 * incident, quality, review, transform and ad-hoc source stores). The embedded
 * {@code dev.sluice.sqlite.SqliteCatalog} and {@code sluice-postgres}' {@code PostgresCatalog} extend it
 * and add only what differs: opening the connection, migrating the schema, taking the write lock and
 * copying the catalog.
 *
 * <p>Flow: each seam's method runs its SQL class ({@code DocumentSql}, {@code ChunkSql}, {@code RunSql},
 * {@code LedgerSql}, {@code EvalRunSql}, {@code AnswerSql}, {@code ApiKeySql}, {@code TraceSql},
 * {@code IncidentSql}, {@code QualitySql}, {@code ReviewSql}, {@code TransformSql},
 * {@code TransformBatchSql}) through {@code read} (one call), {@code write} (one transaction) or
 * {@code writeImmediate} (one transaction that holds the write lock of every process sharing the
 * database from before its first read: budget reservations, run starts), all serialized on the one
 * connection ({@link dev.sluice.jdbc.JdbcConnection}).
 *
 * <p>Invariants: the SQL is written once, in the subset both databases accept; the few constructs
 * they spell differently (a UTC day, a JSON field) come from {@link dev.sluice.jdbc.SqlDialect}, and
 * both schemas use the same table and column names. A new store adds its SQL class here and one
 * accessor on {@code JdbcCatalog}, never JDBC code in a subclass, and a migration in both schemas.
 *
 * <p>Traps: SQLite's {@code INSERT OR REPLACE} deletes then inserts, an upsert updates: use
 * {@link dev.sluice.jdbc.SqlDialect#insertOrReplace} only for a table whose one unique constraint is the
 * key. PostgreSQL aborts a transaction at its first error, so no SQL here may catch an error and go on
 * in the same transaction (use {@code ON CONFLICT DO NOTHING} instead of catching a duplicate). SQLite
 * stores a boolean as an integer and sums comparisons; PostgreSQL does not: bind {@code 0/1} and count
 * with {@code CASE}. A generated id is read as column 1 of {@code getGeneratedKeys()} (PostgreSQL's driver
 * returns every column): keep {@code id} the first column of a table that has one. Every integer column is 64-bit in PostgreSQL ({@code BIGINT}) as in SQLite. A call
 * that finds its connection lost (SQL state 08, 57P01-03) runs once more on a new one when the subclass
 * can reconnect: right when the server rolled the transaction back, a duplicate when the connection broke
 * after the server committed but before the client heard it (rare; an append-only row such as a ledger
 * call may then be written twice).
 */
package dev.sluice.jdbc;
