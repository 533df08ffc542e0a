package dev.sluice;

import java.time.Duration;
import java.util.Map;

/**
 * Where one source stands: what is indexed, what is stale or quarantined, how old the last
 * successful sync is against its freshness target.
 *
 * @param name source name
 * @param documents documents indexed
 * @param chunks chunks indexed
 * @param quarantinedByReason quarantined documents per reason label
 * @param staleByReason indexed documents made with another chunker setting or embedding model than
 *     configured now, per reason ("embedded with all-minilm-l6-v2-q, configured bge-small-en-v1.5-q")
 * @param lastOkMillis start of the last successful sync, 0 when never
 * @param lag time since then, null when never
 * @param freshness target, null when none is set
 * @param lastError why the last failed listing of the source failed, or null
 * @param configured whether the configuration names this source (false: only the catalog remembers it)
 */
public record SourceStatus(
        String name,
        int documents,
        int chunks,
        Map<String, Integer> quarantinedByReason,
        Map<String, Integer> staleByReason,
        long lastOkMillis,
        Duration lag,
        Duration freshness,
        String lastError,
        boolean configured) {

    public SourceStatus {
        quarantinedByReason = Map.copyOf(quarantinedByReason);
        staleByReason = Map.copyOf(staleByReason);
    }

    /** Documents whose chunks the next sync rebuilds. */
    public int stale() {
        return staleByReason.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int quarantined() {
        return quarantinedByReason.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Whether this source should raise an alert: configured, and breached or failing. */
    public boolean alert() {
        return configured && (breached() || lastError != null);
    }

    /** True when a freshness target is set and the last successful sync is older than it (or never happened). */
    public boolean breached() {
        return freshness != null && (lag == null || lag.compareTo(freshness) > 0);
    }
}
