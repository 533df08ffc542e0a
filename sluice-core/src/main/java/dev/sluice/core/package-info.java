/**
 * Vocabulary shared by every stage: quarantine reasons, the per-item failure that carries one, and
 * the validation helper; and the few mechanisms that more than one stage needs, each written once:
 * {@link dev.sluice.core.Hashing} (SHA-256 as hex: content, chunk and key hashes),
 * {@link dev.sluice.core.FileTrees} (deleting a folder and everything in it),
 * {@link dev.sluice.core.Backoff} (waits between retries, honouring the server's Retry-After, which
 * it alone parses), {@link dev.sluice.core.ProcessOwner} (the process that holds a row open, a run
 * or a budget reservation, and whether it is gone) and {@link dev.sluice.core.Niceness} (a thread's
 * OS priority, so that ingestion runs below searches; the one place Sluice calls C directly).
 * Nothing here depends on any other Sluice package.
 */
package dev.sluice.core;
