package dev.sluice.config;

import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.core.UsageException;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.retrieve.RerankSettings;
import dev.sluice.retrieve.RetrievalSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration a run works with: flags over sluice.yaml over the defaults, merged in this one
 * place, validated, frozen, with no value left open ("the model's limit", "one thread per core" are
 * resolved here and nowhere else). Every face builds one and opens the
 * {@link dev.sluice.KnowledgeBase} from it.
 *
 * <p>A bad value is a {@link UsageException} naming the value as the user gave it: the flag
 * ({@code --threads must be > 0, got 0}) or the key ({@code chunking.maxTokens}).
 *
 * @param file the sluice.yaml it read, if any
 * @param index the index folder
 * @param model the embedding model
 * @param embeddingThreads threads embedding in ingestion runs
 * @param chunking chunk size and overlap, within the model's limit
 * @param maxFileMb files larger than this are quarantined
 * @param parseTimeoutSeconds parses slower than this are quarantined
 * @param sources the file's sources, in file order (may be empty)
 * @param retrieval how search ranks
 * @param rerank the optional reranking stage, its model resolved (the llm section's unless
 *     {@code retrieval.rerank.model} names another; null only without an llm section, when it is off)
 * @param eval gates and regression checks of {@code sluice eval run --gate}
 * @param llm the language model answers go through; empty for extractive answers
 * @param promptsFolder where prompt overrides live ({@code prompts/} beside sluice.yaml)
 * @param config the file's configuration as read (for {@link #origin})
 * @param flags the flags given (for {@link #origin})
 */
public record EffectiveConfig(
        Optional<Path> file,
        Path index,
        EmbeddingModelSpec model,
        int embeddingThreads,
        ChunkerSettings chunking,
        int maxFileMb,
        int parseTimeoutSeconds,
        List<SluiceConfig.Source> sources,
        RetrievalSettings retrieval,
        RerankSettings rerank,
        SluiceConfig.Eval eval,
        Optional<SluiceConfig.Llm> llm,
        Path promptsFolder,
        SluiceConfig config,
        Flags flags) {

    public static final String INDEX = "index";
    public static final String MODEL = "embedding.model";
    public static final String THREADS = "embedding.threads";

    /** Ingestion yields to searches unless told otherwise: see {@link dev.sluice.core.Niceness}. */
    public static final int DEFAULT_NICENESS = 10;

    public static final String MAX_TOKENS = "chunking.maxTokens";
    public static final String OVERLAP = "chunking.overlapTokens";
    public static final String MAX_FILE_MB = "extraction.maxFileMb";
    public static final String PARSE_TIMEOUT = "extraction.parseTimeoutSeconds";

    /** The keys a flag may set. */
    public static final Set<String> FLAG_KEYS =
            Set.of(INDEX, MODEL, THREADS, MAX_TOKENS, OVERLAP, MAX_FILE_MB, PARSE_TIMEOUT);

    public EffectiveConfig {
        sources = List.copyOf(sources);
    }

    /** The built-in defaults: no file, no flags. */
    public static EffectiveConfig defaults() {
        return resolve(SluiceConfig.defaults(), Flags.NONE);
    }

    /** {@code flags} over {@code file} over the defaults; fails with a {@link UsageException} naming the flag or key. */
    public static EffectiveConfig resolve(SluiceConfig file, Flags flags) {
        Path index = flags.get(INDEX) != null ? (Path) flags.get(INDEX).value() : file.index();
        String modelId = flags.get(MODEL) != null
                ? (String) flags.get(MODEL).value()
                : file.embedding().model();
        EmbeddingModelSpec model;
        try {
            model = flags.get(MODEL) == null && file.embedding().custom() != null
                    ? file.embedding().custom()
                    : EmbeddingModelSpec.byId(modelId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(nameOf(MODEL, file, flags) + ": " + e.getMessage());
        }
        if (!model.isOnClassPath()) {
            // Fail at start-up, naming the flag or key, rather than when the first file reaches the embedder.
            throw new UsageException(nameOf(MODEL, file, flags) + ": " + model.notOnClassPathMessage());
        }
        int threads = positive(THREADS, file, flags, file.embedding().threads(), defaultThreads());
        int maxTokens = positive(
                MAX_TOKENS,
                file,
                flags,
                file.chunking().maxTokens(),
                ChunkerSettings.defaultsWithin(model.maxChunkTokens()).maxTokens());
        int overlap = flags.get(OVERLAP) != null
                ? (Integer) flags.get(OVERLAP).value()
                : file.sets(OVERLAP)
                        ? file.chunking().overlapTokens()
                        : Math.min(file.chunking().overlapTokens(), (maxTokens - 1) / 2);
        String problem = ChunkerSettings.modelLimitProblem(
                maxTokens, nameOf(MAX_TOKENS, file, flags), model.id(), model.maxChunkTokens());
        if (problem == null) {
            problem = ChunkerSettings.overlapProblem(
                    maxTokens, overlap, nameOf(MAX_TOKENS, file, flags), nameOf(OVERLAP, file, flags));
        }
        if (problem != null) {
            throw new UsageException(problem + modelChoice(file, flags));
        }
        int maxFileMb = positive(MAX_FILE_MB, file, flags, file.extraction().maxFileMb(), 32);
        int parseTimeout =
                positive(PARSE_TIMEOUT, file, flags, file.extraction().parseTimeoutSeconds(), 60);
        return new EffectiveConfig(
                Optional.ofNullable(file.file()),
                index,
                model,
                threads,
                new ChunkerSettings(maxTokens, overlap),
                maxFileMb,
                parseTimeout,
                file.sources(),
                file.retrieval(),
                rerank(file),
                file.eval(),
                Optional.ofNullable(file.llm()),
                file.promptsFolder(),
                file,
                flags);
    }

    /** The reranking stage with its model: the file's, else the llm section's (none without one). */
    private static RerankSettings rerank(SluiceConfig file) {
        RerankSettings r = file.rerank();
        if (r.model() != null || file.llm() == null) {
            return r; // the loader refused reranking enabled without an llm section
        }
        return r.withModel(file.llm().settings().model());
    }

    /** The language the index's BM25 field is analyzed in ({@code index.language}, en by default). */
    public dev.sluice.index.IndexLanguage language() {
        return config.language();
    }

    /** The engines holding the index and the catalog ({@code index.backend}, {@code catalog.backend}). */
    public SluiceConfig.Backends backends() {
        return config.backends();
    }

    /** Detector schedule, webhooks and thresholds of incidents. */
    public dev.sluice.incident.IncidentSettings incidents() {
        return config.incidents();
    }

    /** The checks of every source and their contracts. */
    public dev.sluice.quality.QualitySettings quality() {
        return config.quality();
    }

    /** The LLM transform steps with the endpoint, prices and budgets they use; none by default. */
    public dev.sluice.transform.TransformSettings transforms() {
        return config.transforms();
    }

    /** Where the OpenLineage events of ingest runs go. */
    public dev.sluice.lineage.LineageSettings lineage() {
        return config.lineage();
    }

    /** How far below the process's OS priority ingestion runs work: {@code embedding.niceness}, 10 by default. */
    public int ingestNiceness() {
        Integer given = config.embedding().niceness();
        return given != null ? given : DEFAULT_NICENESS;
    }

    /** One thread per core: the default wherever Sluice embeds or searches in parallel. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Threads for work beside ingestion (evaluation, tuning): the flag's value when given, which must
     * be positive, else one per core.
     */
    public static int threads(Integer given, String flag) {
        if (given == null) {
            return defaultThreads();
        }
        if (given <= 0) {
            throw new UsageException(String.format(Locale.ROOT, "%s must be > 0, got %d", flag, given));
        }
        return given;
    }

    /** This configuration with another index folder (as if given by {@code flag}). */
    public EffectiveConfig withIndex(Path folder, String flag) {
        return resolve(config, flags.with(INDEX, folder, flag));
    }

    /** Where the value of {@code key} (as written in sluice.yaml) came from. */
    public Origin origin(String key) {
        Flags.Given given = flags.get(key);
        if (given != null) {
            return Origin.flag(given.flag());
        }
        if (config.file() != null && config.sets(key)) {
            return Origin.file(config.file(), config.lines().get(key));
        }
        return Origin.DEFAULT;
    }

    /** The extraction limits for ingestion runs. */
    public ExtractionLimits extractionLimits() {
        return ExtractionLimits.defaults()
                .withMaxFileBytes((long) maxFileMb * 1024 * 1024)
                .withParseTimeoutMillis(parseTimeoutSeconds * 1000L);
    }

    /** The flag that set {@code key}, else the key itself (with its line when the file set it). */
    private static String nameOf(String key, SluiceConfig file, Flags flags) {
        Flags.Given given = flags.get(key);
        if (given != null) {
            return given.flag();
        }
        return file.file() != null && file.sets(key)
                ? key + " (" + Origin.file(file.file(), file.lines().get(key)) + ")"
                : key;
    }

    private static String modelChoice(SluiceConfig file, Flags flags) {
        Flags.Given given = flags.get(MODEL);
        return given == null ? "" : String.format(Locale.ROOT, " (model chosen by %s)", given.flag());
    }

    private static int positive(String key, SluiceConfig file, Flags flags, Integer fromFile, int fallback) {
        Flags.Given given = flags.get(key);
        if (given == null) {
            return fromFile != null ? fromFile : fallback; // the loader checked the file's values
        }
        int value = (Integer) given.value();
        if (value <= 0) {
            throw new UsageException(String.format(Locale.ROOT, "%s must be > 0, got %d", given.flag(), value));
        }
        return value;
    }
}
