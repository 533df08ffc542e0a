package dev.sluice.ingest;

import dev.sluice.core.SluiceException;
import dev.sluice.quality.ExpectationResult;
import dev.sluice.quality.SourceQuality;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run stopped before publishing because a source broke an expectation of its contract (severity
 * error). Nothing of the run reached the index; the run is recorded as failed with the expectations.
 */
public final class ContractViolationException extends SluiceException {
    private final long runId;
    private final List<ExpectationResult> violations;
    private final List<SourceQuality> quality;

    public ContractViolationException(long runId, List<ExpectationResult> violations, List<SourceQuality> quality) {
        super(message(runId, violations));
        this.runId = runId;
        this.violations = List.copyOf(violations);
        this.quality = List.copyOf(quality);
    }

    private static String message(long runId, List<ExpectationResult> violations) {
        return "run " + runId + " broke its contract and published nothing (the index keeps its last good version):"
                + violations.stream()
                        .map(v -> "\n  " + v.key() + ": " + v.message())
                        .collect(Collectors.joining());
    }

    public long runId() {
        return runId;
    }

    /** The expectations that failed with severity error, in the sources' order. */
    public List<ExpectationResult> violations() {
        return violations;
    }

    /** Every listed source's figures and contract results, as measured. */
    public List<SourceQuality> quality() {
        return quality;
    }
}
