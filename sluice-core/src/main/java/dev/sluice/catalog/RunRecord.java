package dev.sluice.catalog;

/**
 * One ingestion run as recorded.
 *
 * @param id run number, increasing
 * @param trigger what started it ("cli", "quickstart", ...)
 * @param startedMillis start time
 * @param finishedMillis end time, or 0 while running or when it never finished (crash)
 * @param status running, ok or failed
 * @param counts what it did
 * @param error why it failed, or null
 */
public record RunRecord(
        long id,
        String trigger,
        long startedMillis,
        long finishedMillis,
        String status,
        RunCounts counts,
        String error) {}
