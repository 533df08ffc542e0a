/**
 * The catalog: SQLite beside the index, recording documents (with their change signals, status and
 * quarantine reasons), chunk rows, runs and the embedding cache keyed by model, model version and
 * chunk content hash. It is the truth about what should be in the index; see
 * {@link dev.sluice.catalog.Catalog} for the write protocol that keeps the two in agreement across
 * crashes, and for schema migrations.
 */
package dev.sluice.catalog;
