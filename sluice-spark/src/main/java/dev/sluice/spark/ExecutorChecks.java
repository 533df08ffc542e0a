package dev.sluice.spark;

import dev.sluice.ingest.DocumentProcessor;
import dev.sluice.quality.CheckPolicy;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.quality.DuplicateRegistry;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.QualitySettings;
import dev.sluice.quality.QualityStore;
import dev.sluice.source.SourceItem;
import java.util.List;

/**
 * The quality checks of one Spark task: the same {@link DocumentChecker} and policies as a local run, with a
 * duplicate registry that knows the documents indexed before the run (their signatures, sent by the driver)
 * and the task's own documents.
 *
 * <p>Trap: two near-duplicates new in the same run are compared only when one task prepares both; across
 * tasks, both are indexed and neither collapses into the other until a later run (which knows both).
 */
final class ExecutorChecks implements DocumentProcessor.Checks {
    private final QualitySettings settings;
    private final DocumentChecker checker;
    private final long runId;

    ExecutorChecks(QualitySettings settings, List<QualityStore.StoredSignature> known, long runId) {
        this.settings = settings;
        this.runId = runId;
        double lowest = settings.defaults().duplicateThreshold();
        for (CheckPolicy p : settings.policies().values()) {
            lowest = Math.min(lowest, p.duplicateThreshold());
        }
        DuplicateRegistry duplicates = new DuplicateRegistry(lowest);
        duplicates.load(known);
        this.checker = new DocumentChecker(duplicates);
    }

    @Override
    public DocumentChecker.Checked check(SourceItem item, NormalizedDocument doc, String contentHash) {
        CheckPolicy policy = settings.policyOf(item.source());
        return policy.enabled() ? checker.check(item.uri(), item.source(), runId, doc, contentHash, policy) : null;
    }

    @Override
    public String collapseInto(SourceItem item, DocumentChecker.Checked checked) {
        return checked != null
                        && checked.checks().duplicateOf() != null
                        && settings.policyOf(item.source()).duplicates() == CheckPolicy.DuplicateAction.COLLAPSE
                ? checked.checks().duplicateOf()
                : null;
    }
}
