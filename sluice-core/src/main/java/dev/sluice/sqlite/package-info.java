/**
 * The embedded catalog: SQLite beside the index ({@code catalog.sqlite}). The stores and their SQL are
 * the shared ones of {@link dev.sluice.jdbc.JdbcCatalog} (every store seam of the stages: documents,
 * chunks, runs, vectors, the ledger, eval runs, answers, API keys, traces, incidents, quality, reviews,
 * transforms, ad-hoc sources); {@code SqliteCatalog} opens the file, migrates it and takes SQLite's write
 * lock. It sits above the stages (it implements their interfaces) and below the front door, which opens
 * it; no stage imports it, so a PostgreSQL catalog ({@code catalog.backend: postgresql}) can replace it
 * without touching them.
 *
 * <p>Schema changes are numbered migrations ({@code CatalogSchema}) applied in order at open and
 * counted in {@code PRAGMA user_version}; an upgrade keeps the data, and a file newer than this code is
 * refused. Never edit a migration: add one, and add its translation to {@code sluice-postgres}'
 * Flyway migrations. Calls are serialized on one connection; WAL mode lets other processes read while
 * one writes; a write that depends on what it reads runs in {@code BEGIN IMMEDIATE}, so two processes
 * cannot both pass a check.
 */
package dev.sluice.sqlite;
