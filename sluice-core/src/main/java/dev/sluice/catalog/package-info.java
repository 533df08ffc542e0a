/**
 * The catalog seam ({@link dev.sluice.catalog.Catalog}): documents (with their change signals, status
 * and quarantine reasons), chunk rows, runs, per-source sync state and the embedding cache keyed by
 * model, model version and chunk content hash. It is the truth about what should be in the index;
 * the interface states the write protocol that keeps the two in agreement across crashes. A run
 * records the process that runs it, so that a later run closes a run whose process died as
 * interrupted and leaves alone one whose process lives ({@link dev.sluice.catalog.Catalog#startRun}).
 * The records of higher stages (ledger, eval runs, answers, keys) live with their stages; the embedded SQLite
 * implementation of all of them is {@code dev.sluice.sqlite}.
 */
package dev.sluice.catalog;
