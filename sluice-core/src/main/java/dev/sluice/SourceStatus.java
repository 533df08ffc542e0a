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

    /**
     * Where each source stands, from the catalog and the configuration: the sources the file names
     * (with their freshness targets) and any other source the catalog has seen.
     */
    public static java.util.List<SourceStatus> of(
            dev.sluice.config.EffectiveConfig config, dev.sluice.catalog.Catalog catalog, long nowMillis) {
        dev.sluice.embed.EmbeddingModelSpec model = config.model();
        String chunkerVersion = dev.sluice.chunk.HeadingAwareChunker.versionOf(config.chunking());
        Map<String, dev.sluice.catalog.Catalog.SourceState> states = catalog.sources();
        Map<String, Duration> targets = new java.util.LinkedHashMap<>();
        config.sources().forEach(s -> targets.put(s.name(), s.freshness()));
        states.keySet().forEach(name -> targets.putIfAbsent(name, null));
        Map<String, java.util.List<dev.sluice.catalog.Catalog.DocumentGroup>> bySource =
                new java.util.LinkedHashMap<>();
        catalog.documentGroups()
                .forEach(g -> bySource.computeIfAbsent(g.source(), k -> new java.util.ArrayList<>())
                        .add(g));
        bySource.keySet().forEach(name -> targets.putIfAbsent(name, null));
        java.util.List<SourceStatus> out = new java.util.ArrayList<>();
        targets.forEach((name, freshness) -> {
            int documents = 0;
            int chunks = 0;
            Map<String, Integer> stale = new java.util.TreeMap<>();
            Map<String, Integer> quarantined = new java.util.TreeMap<>();
            for (dev.sluice.catalog.Catalog.DocumentGroup g : bySource.getOrDefault(name, java.util.List.of())) {
                if (g.indexed()) {
                    documents += g.documents();
                    chunks += (int) g.chunks();
                    String why = staleness(g.modelId(), g.modelVersion(), g.chunkerVersion(), model, chunkerVersion);
                    if (why != null) {
                        stale.merge(why, g.documents(), Integer::sum);
                    }
                } else {
                    quarantined.merge(
                            dev.sluice.core.QuarantineReason.fromName(g.reason())
                                    .label(),
                            g.documents(),
                            Integer::sum);
                }
            }
            dev.sluice.catalog.Catalog.SourceState state = states.get(name);
            long lastOk = state == null ? 0 : state.lastOkMillis();
            out.add(new SourceStatus(
                    name,
                    documents,
                    chunks,
                    quarantined,
                    stale,
                    lastOk,
                    lastOk == 0 ? null : Duration.ofMillis(Math.max(0, nowMillis - lastOk)),
                    freshness,
                    state != null && state.lastFailedMillis() > state.lastOkMillis() ? state.lastError() : null,
                    config.file().isEmpty()
                            || config.sources().stream().anyMatch(s -> s.name().equals(name))
                            // the service's uploads sync with the file's sources (KnowledgeBase.configuredSources)
                            || name.equals(IngestOptions.UPLOADS_SOURCE)
                                    && java.nio.file.Files.isDirectory(IngestOptions.uploadsFolder(config.index()))));
        });
        return out;
    }

    /** Why chunks made with this model and chunker no longer match the configuration, or null when they do. */
    private static String staleness(
            String modelId,
            String modelVersion,
            String documentChunker,
            dev.sluice.embed.EmbeddingModelSpec model,
            String chunkerVersion) {
        if (!model.id().equals(modelId) || !model.version().equals(modelVersion)) {
            return "embedded with " + modelId + " " + modelVersion + ", configured " + model.id() + " "
                    + model.version();
        }
        if (!chunkerVersion.equals(documentChunker)) {
            return "chunked with " + documentChunker + ", configured " + chunkerVersion;
        }
        return null;
    }
}
