package dev.sluice.ingest;

import dev.sluice.core.QuarantineReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-run summary. Counts reconcile: {@code seen == ingested + unchanged + quarantined.size()}.
 *
 * @param runId the run's number in the catalog
 * @param seen items the sources listed (readable or not)
 * @param skippedHidden hidden files and folders left out on purpose (not counted as seen)
 * @param skippedByGlobs files left out by the include and exclude globs (not counted as seen)
 * @param ingested documents (re)indexed by this run
 * @param unchanged documents skipped because they had not changed since the catalog recorded them
 * @param deleted documents removed because their file is gone
 * @param quarantined items not indexed, each with its reason
 * @param chunks chunks written
 * @param embeddingsComputed vectors computed by the model in this run
 * @param embeddingsReused vectors taken from the embedding cache instead
 * @param stageMillis time spent in each stage, summed over threads (so it can exceed wall time)
 * @param wallMillis elapsed time of the run
 * @param model embedding model id
 * @param index index location
 * @param failedSources sources that could not be listed (name to reason); their documents were left alone
 * @param generation what the run did to the index's generations: {@link Generation#SAME} for a run
 *     with the index's own model
 * @param quality each listed source's figures as the run published them, with its contract's results
 *     (warnings included); empty for a pipeline without checks
 * @param transforms what the LLM transforms did: calls, outputs from the store, invalid, pending, cost
 * @param transformsStopped why transforms stopped calling (a budget reached) or could not start; null when not
 */
public record IngestReport(
        long runId,
        int seen,
        int skippedHidden,
        int skippedByGlobs,
        int ingested,
        int unchanged,
        int deleted,
        List<Quarantined> quarantined,
        int chunks,
        int embeddingsComputed,
        int embeddingsReused,
        Map<Stage, Long> stageMillis,
        long wallMillis,
        String model,
        String index,
        Map<String, String> failedSources,
        Generation generation,
        List<dev.sluice.quality.SourceQuality> quality,
        dev.sluice.transform.TransformRunSummary transforms,
        String transformsStopped) {

    /** A run's effect on the index's generations (one per embedding model). */
    public enum Generation {
        /** The run wrote into the generation searches use. */
        SAME,
        /** The run built a generation for a new model and switched searches to it. */
        SWITCHED,
        /** The run built a generation for a new model but a source failed: searches keep the old one. */
        INCOMPLETE
    }

    public IngestReport {
        quarantined = List.copyOf(quarantined);
        stageMillis = Map.copyOf(new EnumMap<>(stageMillis));
        failedSources = Map.copyOf(failedSources);
        quality = List.copyOf(quality);
        transforms = transforms == null ? dev.sluice.transform.TransformRunSummary.EMPTY : transforms;
    }

    /** The contract expectations that failed without stopping the run (severity warn). */
    public List<dev.sluice.quality.ExpectationResult> contractWarnings() {
        return quality.stream()
                .flatMap(q -> q.results().stream())
                .filter(r -> !r.passed())
                .toList();
    }

    /** Quarantined items per reason label, in reason order. */
    public Map<String, Integer> quarantinedByReason() {
        Map<QuarantineReason, Integer> counts = new EnumMap<>(QuarantineReason.class);
        quarantined.forEach(q -> counts.merge(q.reason(), 1, Integer::sum));
        Map<String, Integer> out = new TreeMap<>();
        counts.forEach((reason, n) -> out.put(reason.label(), n));
        return out;
    }

    /** Chunks embedded and indexed per second of wall time. */
    public double chunksPerSecond() {
        return wallMillis == 0 ? 0 : chunks * 1000.0 / wallMillis;
    }

    /** This report with the run's effect on the index's generations. */
    public IngestReport withGeneration(Generation value) {
        return with(stageMillis, wallMillis, value);
    }

    /** This report with a stage that ran after the commit (the conflict check): its time, also added to the wall time. */
    public IngestReport withStageMillis(Stage stage, long millis) {
        Map<Stage, Long> stages = new EnumMap<>(Stage.class);
        stages.putAll(stageMillis);
        stages.merge(stage, millis, Long::sum);
        return with(stages, wallMillis + millis, generation);
    }

    private IngestReport with(Map<Stage, Long> stages, long wall, Generation value) {
        return new IngestReport(
                runId,
                seen,
                skippedHidden,
                skippedByGlobs,
                ingested,
                unchanged,
                deleted,
                quarantined,
                chunks,
                embeddingsComputed,
                embeddingsReused,
                stages,
                wall,
                model,
                index,
                failedSources,
                value,
                quality,
                transforms,
                transformsStopped);
    }

    public boolean reconciles() {
        return seen == ingested + unchanged + quarantined.size();
    }
}
