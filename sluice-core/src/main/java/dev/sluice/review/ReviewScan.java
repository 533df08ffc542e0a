package dev.sluice.review;

/**
 * What the conflict check of one ingestion run did, kept with the run ({@code sluice review list}
 * shows the last one; a sync's summary prints it).
 *
 * @param runId the ingestion run
 * @param documents documents of the run checked
 * @param chunks their chunks read (those with a sentence that states a value or a negation)
 * @param candidates passages of other documents compared with them
 * @param found conflicts the detector found (before deduplication)
 * @param added new review items
 * @param reopened items resolved as source-changed found again
 * @param sourceChanged open items resolved as source-changed because a side's sentence is gone
 * @param millis wall time of the check
 * @param error why the check failed (the sync did not), or null
 */
public record ReviewScan(
        long runId,
        int documents,
        int chunks,
        int candidates,
        int found,
        int added,
        int reopened,
        int sourceChanged,
        long millis,
        String error) {

    /** A check that failed after {@code millis}: the run's sync still succeeded. */
    public static ReviewScan failed(long runId, long millis, String error) {
        return new ReviewScan(runId, 0, 0, 0, 0, 0, 0, 0, millis, error);
    }

    public boolean ok() {
        return error == null;
    }
}
