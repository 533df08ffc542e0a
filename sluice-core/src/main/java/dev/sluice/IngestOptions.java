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
        RunOptions run) {

    public static final int DEFAULT_MAX_CHUNK_TOKENS = 256;
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
        Checks.positive("IngestOptions.extractThreads", extractThreads);
        Checks.positive("IngestOptions.embedThreads", embedThreads);
        new ChunkerSettings(maxChunkTokens, overlapTokens).requireWithinModelLimit(model.id(), model.maxChunkTokens());
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
                sources, index, model, maxChunkTokens, overlapTokens, limits, extractThreads, embedThreads, options);
    }

    public IngestOptions withEmbedThreads(int threads) {
        return new IngestOptions(
                sources, index, model, maxChunkTokens, overlapTokens, limits, extractThreads, threads, run);
    }

    /**
     * Embedding threads for a run beside live queries (the service's ingest jobs): half the cores,
     * so that searches keep the other half (each dense or hybrid search embeds its query).
     */
    public static int threadsBesideQueries() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public IngestOptions withRetryQuarantined(boolean retry) {
        return withRun(new RunOptions(retry, run.pruneUnlistedSources(), run.access()));
    }

    /** The source of documents uploaded through the service: a folder inside the index folder. */
    public static final String UPLOADS_SOURCE = "uploads";

    /** Where the service keeps uploaded files (each with its access sidecar). */
    public static Path uploadsFolder(Path index) {
        return index.resolve(UPLOADS_SOURCE);
    }

    /**
     * The sources sluice.yaml describes, plus the service's uploads once there are any, so that a
     * sync of the file's sources never prunes uploaded documents.
     */
    public static List<Source> configuredSources(dev.sluice.config.SluiceConfig config, Path index) {
        List<Source> out = new java.util.ArrayList<>();
        for (dev.sluice.config.SluiceConfig.Source s : config.sources()) {
            out.add(
                    s.web()
                            ? new dev.sluice.source.http.UrlSource(
                                    s.name(), s.urls(), s.sitemaps(), s.http(), s.access())
                            : new DirectorySource(s.name(), s.path(), s.include(), s.exclude(), s.gitignore())
                                    .withAccess(s.access()));
        }
        if (java.nio.file.Files.isDirectory(uploadsFolder(index))
                && out.stream().noneMatch(s -> s.name().equals(UPLOADS_SOURCE))) {
            out.add(uploads(index));
        }
        return out;
    }

    /** The uploads source: every file carries its own access list in its sidecar. */
    public static DirectorySource uploads(Path index) {
        return new DirectorySource(UPLOADS_SOURCE, uploadsFolder(index), List.of(), List.of());
    }

    /**
     * The options sluice.yaml gives for {@code sources} (flags aside): model, chunking, extraction
     * limits, threads; a run that prunes sources no longer named only when all the file's sources are
     * included.
     */
    public static IngestOptions fromConfig(dev.sluice.config.SluiceConfig config, Path index, List<Source> sources) {
        EmbeddingModelSpec spec = EmbeddingModelSpec.byId(config.embedding().model());
        Integer configuredMax = config.chunking().maxTokens();
        Integer threads = config.embedding().threads();
        return new IngestOptions(
                sources,
                index,
                spec,
                configuredMax != null
                        ? configuredMax
                        : ChunkerSettings.defaultsWithin(spec.maxChunkTokens()).maxTokens(),
                config.chunking().overlapTokens(),
                ExtractionLimits.defaults()
                        .withMaxFileBytes((long) config.extraction().maxFileMb() * 1024 * 1024)
                        .withParseTimeoutMillis(config.extraction().parseTimeoutSeconds() * 1000L),
                1,
                threads != null ? threads : Runtime.getRuntime().availableProcessors());
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
                Runtime.getRuntime().availableProcessors());
    }
}
