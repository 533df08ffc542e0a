package dev.sluice.ingest;

import dev.sluice.transform.Enrichment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes each {@link RemoteDocument} back into the run, on the pipeline's thread: a quarantined one is
 * quarantined as here, a prepared one goes through the same {@link DocumentJob} as a local document (vector
 * cache, index write unless already written, catalog record), so the run's account, quality records and
 * published changes are those of a local run.
 */
final class RemoteResults {
    private final DocumentJob.Target target;
    private final RunQuality quality;

    RemoteResults(DocumentJob.Target target, RunQuality quality) {
        this.target = target;
        this.quality = quality;
    }

    void accept(RemoteDocument d) {
        if (target.fatal().get() != null) {
            return; // the run is stopping; nothing more is written
        }
        if (d.reason() != null) {
            target.account().quarantine(d.item(), d.reason(), d.message(), d.checked());
            return;
        }
        quality.checkedElsewhere(d.item(), d.checked(), d.info().contentHash());
        DocumentJob job = new DocumentJob(target, d.item(), d.info(), d.chunks(), d.checked(), Enrichment.NONE);
        if (d.written()) {
            job.alreadyWritten();
        }
        List<String> keys = job.keys();
        Map<String, float[]> cached = new HashMap<>();
        List<Integer> computed = new ArrayList<>();
        List<float[]> computedVectors = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (d.computed().get(i)) {
                computed.add(i);
                computedVectors.add(d.vectors().get(i));
            } else {
                cached.put(keys.get(i), d.vectors().get(i));
            }
        }
        List<Integer> toEmbed = job.useCached(cached);
        if (toEmbed.isEmpty()) {
            job.finish();
            return;
        }
        // The chunks the executor embedded, handed over as an endpoint's batch is. The job gives back their
        // places in the embedding queue, which they never took: harmless, since a remote run queues nothing.
        job.embedded(toEmbed, vectorsFor(toEmbed, computed, computedVectors), null);
    }

    private static List<float[]> vectorsFor(List<Integer> wanted, List<Integer> ordinals, List<float[]> vectors) {
        Map<Integer, float[]> byOrdinal = new HashMap<>();
        for (int i = 0; i < ordinals.size(); i++) {
            byOrdinal.put(ordinals.get(i), vectors.get(i));
        }
        return wanted.stream().map(byOrdinal::get).toList();
    }
}
