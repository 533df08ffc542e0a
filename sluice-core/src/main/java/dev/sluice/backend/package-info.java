/**
 * The seams a deployment chooses: where the index lives ({@link dev.sluice.backend.IndexBackend},
 * {@code index.backend}) and where the catalog and every other store live
 * ({@link dev.sluice.backend.CatalogStores}, {@code catalog.backend}). The embedded Lucene folder and
 * SQLite file are built in and the default; shared engines (OpenSearch, PostgreSQL) come from optional
 * modules that register a {@link dev.sluice.backend.BackendProvider}.
 */
package dev.sluice.backend;
