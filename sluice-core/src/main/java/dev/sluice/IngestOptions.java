package dev.sluice;

import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.core.Checks;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.ingest.RunOptions;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of one ingestion.
 *
 * @param sources folders, files and web sources to ingest, each with its name
 * @param index index folder
 * @param model embedding model
 * @param maxChunkTokens largest chunk, in the model's tokens (at most the model's limit)
 * @param overlapTokens tokens repeated between consecutive chunks of one section
 * @param limits extraction limits (size, time, expansion)
 * @param extractThreads threads extracting and chunking
 * @param embedThreads threads embedding (one per core is best)
 * @param run choices for the run: retrying quarantined files, pruning sources no longer listed
 * @param niceness how far below the process's own OS priority the run's threads work (0 to 19,
 *     Linux only; see {@link dev.sluice.core.Niceness}): searches beside the run keep the CPU they need
 * @param language the language the index's BM25 field is analyzed in; an index analyzed in another is
 *     rebuilt in a new generation, as for another model
 */
public record IngestOptions(
        List<Source> sources,
        Path index,
        EmbeddingModelSpec model,
        int maxChunkTokens,
        int overlapTokens,
        ExtractionLimits limits,
        int extractThreads,
        int embedThreads,
        RunOptions run,
        int niceness,
        dev.sluice.index.IndexLanguage language) {

    public static final int DEFAULT_MAX_CHUNK_TOKENS = 256;

    /**
     * Ingestion yields to searches by default: at nice 10 a run gets about a tenth of the CPU that
     * the searches it competes with want, and all of an idle machine (docs/benchmarks.md, the
     * trade-off measured by {@code sluice bench serve --niceness}).
     */
    public static final int DEFAULT_NICENESS = dev.sluice.config.EffectiveConfig.DEFAULT_NICENESS;

    public static final int DEFAULT_OVERLAP_TOKENS = 32;

    public IngestOptions {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources must name at least one folder or file");
        }
        Checks.notNull("index", index);
        Checks.notNull("model", model);
        Checks.notNull("limits", limits);
        Checks.notNull("run", run);
        Checks.notNull("language", language);
        Checks.positive("IngestOptions.extractThreads", extractThreads);
        Checks.positive("IngestOptions.embedThreads", embedThreads);
        Checks.inRange("IngestOptions.niceness", niceness, 0, dev.sluice.core.Niceness.IDLE);
        new ChunkerSettings(maxChunkTokens, overlapTokens).requireWithinModelLimit(model.id(), model.maxChunkTokens());
    }

    /** Options analyzing the index in the default language (English). */
    public IngestOptions(
            List<Source> sources,
            Path index,
            EmbeddingModelSpec model,
            int maxChunkTokens,
            int overlapTokens,
            ExtractionLimits limits,
            int extractThreads,
            int embedThreads,
            RunOptions run,
            int niceness) {
        this(
                sources,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                run,
                niceness,
                dev.sluice.index.IndexLanguage.DEFAULT);
    }

    /** Options at the default niceness. */
    public IngestOptions(
            List<Source> sources,
            Path index,
            EmbeddingModelSpec model,
            int maxChunkTokens,
            int overlapTokens,
            ExtractionLimits limits,
            int extractThreads,
            int embedThreads,
            RunOptions run) {
        this(
                sources,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                run,
                DEFAULT_NICENESS);
    }

    /** Options that try quarantined files again only when they change. */
    public IngestOptions(
            List<Source> sources,
            Path index,
            EmbeddingModelSpec model,
            int maxChunkTokens,
            int overlapTokens,
            ExtractionLimits limits,
            int extractThreads,
            int embedThreads) {
        this(
                sources,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                RunOptions.DEFAULTS);
    }

    public IngestOptions withRun(RunOptions options) {
        return new IngestOptions(
                sources,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                options,
                niceness,
                language);
    }

    /** These options writing into another index folder (a scratch index of chunk tuning). */
    public IngestOptions withIndex(Path folder) {
        return new IngestOptions(
                sources,
                folder,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                run,
                niceness,
                language);
    }

    public IngestOptions withSources(List<Source> others) {
        return new IngestOptions(
                others,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                run,
                niceness,
                language);
    }

    /** These options with the run's threads {@code steps} below the process's OS priority (0: not lowered). */
    public IngestOptions withNiceness(int steps) {
        return new IngestOptions(
                sources,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                run,
                steps,
                language);
    }

    /** These options analyzing the index's BM25 field in {@code other}. */
    public IngestOptions withLanguage(dev.sluice.index.IndexLanguage other) {
        return new IngestOptions(
                sources,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                embedThreads,
                run,
                niceness,
                other);
    }

    public IngestOptions withEmbedThreads(int threads) {
        return new IngestOptions(
                sources,
                index,
                model,
                maxChunkTokens,
                overlapTokens,
                limits,
                extractThreads,
                threads,
                run,
                niceness,
                language);
    }

    /**
     * Embedding threads for a run at the searches' own priority beside live queries (a service's
     * ingest job with {@code embedding.niceness: 0}, or where priorities cannot be lowered): half the
     * cores, so that searches keep the other half (each dense or hybrid search embeds its query).
     */
    public static int threadsBesideQueries() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public IngestOptions withRetryQuarantined(boolean retry) {
        return withRun(
                new RunOptions(retry, run.pruneUnlistedSources(), run.access(), run.quality(), run.transforms()));
    }

    /** The source of documents uploaded through the service: a folder inside the index folder. */
    public static final String UPLOADS_SOURCE = "uploads";

    /** Where the service keeps uploaded files (each with its access sidecar). */
    public static Path uploadsFolder(Path index) {
        return index.resolve(UPLOADS_SOURCE);
    }

    /** The sources the configuration describes, plus the service's uploads once there are any. */
    public static List<Source> configuredSources(dev.sluice.config.EffectiveConfig config) {
        List<Source> out = new java.util.ArrayList<>();
        for (dev.sluice.config.SluiceConfig.Source s : config.sources()) {
            out.add(
                    s.web()
                            ? new dev.sluice.source.http.UrlSource(
                                    s.name(), s.urls(), s.sitemaps(), s.http(), s.access())
                            : new DirectorySource(s.name(), s.path(), s.include(), s.exclude(), s.gitignore())
                                    .withAccess(s.access()));
        }
        if (java.nio.file.Files.isDirectory(uploadsFolder(config.index()))
                && out.stream().noneMatch(s -> s.name().equals(UPLOADS_SOURCE))) {
            out.add(uploads(config.index()));
        }
        return out;
    }

    /** The uploads source: every file carries its own access list in its sidecar. */
    public static DirectorySource uploads(Path index) {
        return new DirectorySource(UPLOADS_SOURCE, uploadsFolder(index), List.of(), List.of());
    }

    /**
     * The options of the effective configuration for these sources: model, chunking, extraction
     * limits, embedding threads (the ones flags, sluice.yaml and the defaults resolved to).
     */
    public static IngestOptions of(dev.sluice.config.EffectiveConfig config, List<Source> sources) {
        return new IngestOptions(
                sources,
                config.index(),
                config.model(),
                config.chunking().maxTokens(),
                config.chunking().overlapTokens(),
                config.extractionLimits(),
                1,
                config.embeddingThreads(),
                RunOptions.DEFAULTS.withQuality(config.quality()).withTransforms(config.transforms()),
                config.ingestNiceness(),
                config.language());
    }

    /** Defaults for everything but the inputs (each a source named after itself) and the index. */
    public static IngestOptions defaults(List<Path> inputs, Path index) {
        return new IngestOptions(
                inputs.stream().<Source>map(DirectorySource::of).toList(),
                index,
                EmbeddingModelSpec.BGE_SMALL_EN_V15_Q,
                DEFAULT_MAX_CHUNK_TOKENS,
                DEFAULT_OVERLAP_TOKENS,
                ExtractionLimits.defaults(),
                1,
                dev.sluice.config.EffectiveConfig.defaultThreads());
    }
}
