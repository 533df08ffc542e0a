/**
 * {@code catalog.backend: postgresql}: the catalog and every store of a knowledge base in one PostgreSQL
 * schema, shared by every Sluice process that names it (service replicas, ingestion workers, the CLI).
 *
 * <p>Roles: {@link dev.sluice.postgres.PostgresBackendProvider} is found by the {@code ServiceLoader} and
 * opens a {@link dev.sluice.postgres.PostgresCatalog} from {@link dev.sluice.postgres.PostgresSettings}
 * ({@code catalog.url}, the user and password from the variables {@code catalog.userEnv} and
 * {@code catalog.passwordEnv} name, {@code catalog.schema}); {@code PostgresSchema} migrates the schema
 * with Flyway from {@code db/sluice-postgresql}. The stores and their SQL are sluice-core's
 * ({@link dev.sluice.jdbc.JdbcCatalog}), the same as SQLite's: nothing here knows a store.
 *
 * <p>Flow at open: connect (a clear error naming the setting when the server is unreachable, refuses the
 * login or lacks the database), migrate (create the schema, apply what is missing under Flyway's lock,
 * refuse a schema a newer Sluice migrated), then serve calls on the one connection.
 *
 * <p>Invariants: a write that depends on what it reads ({@code writeImmediate}: budget reservations, run
 * starts) holds the schema's transaction-scoped advisory lock, so those of all processes run one at a
 * time, as SQLite's {@code BEGIN IMMEDIATE} makes them; the other writes are READ COMMITTED transactions
 * whose uniqueness rests on unique keys ({@code ON CONFLICT}). The tables and columns are those of the
 * SQLite schema, checked by an engine test.
 *
 * <p>Traps: a new SQLite migration ({@code dev.sluice.sqlite.CatalogSchema}) needs its translation here as
 * the next {@code V<n>__*.sql} (BIGINT for INTEGER, BYTEA for BLOB, identity for AUTOINCREMENT, TEXT
 * {@code COLLATE "C"}); never edit an applied one (Flyway checks their checksums). {@code schemaVersion()}
 * counts these migrations, not SQLite's. {@code copyTo} writes a SQLite file (for eval tune's scratch
 * indexes), never a second schema. Runs of another host are never taken for dead: only that host's next
 * run closes them.
 */
package dev.sluice.postgres;
