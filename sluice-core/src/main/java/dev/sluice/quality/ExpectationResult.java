package dev.sluice.quality;

/**
 * How a run measured against one expectation of its source's contract.
 *
 * @param key where the expectation is written ({@code sources[0].contract.minDocuments})
 * @param severity error (fails the run before publishing) or warn
 * @param passed whether the run meets it
 * @param observed what was measured, as shown to the user ("12 documents", "7.5% quarantined")
 * @param message one sentence for a failure: what was expected, what was found and where to look; null when passed
 */
public record ExpectationResult(
        String key, Expectation.Severity severity, boolean passed, String observed, String message) {
    /** Whether this result stops the run from publishing. */
    public boolean blocks() {
        return !passed && severity == Expectation.Severity.ERROR;
    }
}
