package dev.sluice.catalog;

/**
 * One ingestion run as recorded.
 *
 * @param id run number, increasing
 * @param trigger what started it ("cli", "quickstart", ...)
 * @param startedMillis start time
 * @param finishedMillis end time; for an interrupted run, when the interruption was found; 0 while running
 * @param status {@value #RUNNING}, {@value #OK}, {@value #PARTIAL} (a source failed), {@value #FAILED}, or
 *     {@value #INTERRUPTED} (its process died before it ended; closed by a later run)
 * @param counts what it did
 * @param error why it failed, or for an interrupted run when and by which run that was found; else null
 */
public record RunRecord(
        long id,
        String trigger,
        long startedMillis,
        long finishedMillis,
        String status,
        RunCounts counts,
        String error) {
    public static final String RUNNING = "running";
    public static final String OK = "ok";
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
}
