package dev.sluice.config;

import dev.sluice.core.AccessList;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.Gate;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import dev.sluice.retrieve.RerankSettings;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.source.http.FetchSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The pipeline's configuration, as read from {@code sluice.yaml}: validated once when loaded and
 * immutable afterwards. Paths are already resolved against the config file's folder. Command-line
 * flags override these values; these override the built-in defaults.
 *
 * @param file the file it came from, or null for the built-in defaults
 * @param index index folder
 * @param language the language the index's BM25 field is analyzed in ({@code index.language}, en by default)
 * @param embedding the embedding section
 * @param chunking the chunking section
 * @param extraction the extraction section
 * @param sources the sources, in file order; may be empty
 * @param eval gates for {@code sluice eval run --gate}
 * @param retrieval how search ranks (BM25 parameters, fusion); {@code sluice eval tune} recommends values
 * @param rerank the optional reranking stage after search ({@code retrieval.rerank}); its model is null
 *     when the file names none (the llm section's model then reranks)
 * @param llm the language model answers go through, or null for extractive answers
 * @param incidents detector schedule, webhooks and thresholds of {@code sluice incidents} and the service
 * @param quality the checks of every source and their contracts ({@code checks:}, a source's {@code contract:})
 * @param transforms the LLM transform steps ({@code transforms:}) with the llm endpoint they call; none by default
 * @param lineage where the OpenLineage events of ingest runs go ({@code lineage:}); none by default
 * @param backends the engines holding the index and the catalog ({@code index.backend},
 *     {@code catalog.backend}); the embedded Lucene folder and SQLite file by default
 * @param lines the line of every key the file sets ({@code chunking.maxTokens}, {@code sources[1].path}),
 *     for messages and {@code sluice config show --effective}; empty without a file
 */
public record SluiceConfig(
        Path file,
        Path index,
        dev.sluice.index.IndexLanguage language,
        Embedding embedding,
        Chunking chunking,
        Extraction extraction,
        List<Source> sources,
        Eval eval,
        RetrievalSettings retrieval,
        RerankSettings rerank,
        Llm llm,
        dev.sluice.incident.IncidentSettings incidents,
        dev.sluice.quality.QualitySettings quality,
        dev.sluice.transform.TransformSettings transforms,
        dev.sluice.lineage.LineageSettings lineage,
        Backends backends,
        java.util.Map<String, Integer> lines) {

    public static final Path DEFAULT_FILE = Path.of("sluice.yaml");
    public static final Path DEFAULT_INDEX = Path.of(".sluice", "index");

    public SluiceConfig {
        sources = List.copyOf(sources);
        lines = java.util.Map.copyOf(lines);
    }

    /**
     * The engines holding the index and the catalog.
     *
     * @param index {@code index.backend} and its settings
     * @param catalog {@code catalog.backend} and its settings
     */
    public record Backends(BackendChoice index, BackendChoice catalog) {
        /** The embedded Lucene folder and SQLite file: the default, needing no server. */
        public static final Backends EMBEDDED =
                new Backends(BackendChoice.EMBEDDED_INDEX, BackendChoice.EMBEDDED_CATALOG);

        /** Whether both are embedded. */
        public boolean embedded() {
            return index.embedded() && catalog.embedded();
        }
    }

    /** Whether the file sets this key (as written in sluice.yaml: {@code chunking.maxTokens}). */
    public boolean sets(String key) {
        return lines.containsKey(key);
    }

    /** Where prompt files live: {@code prompts/} beside sluice.yaml (or in the working folder without one). */
    public Path promptsFolder() {
        Path base = file == null ? null : file.toAbsolutePath().getParent();
        return base == null ? Path.of("prompts") : base.resolve("prompts");
    }

    /**
     * @param model embedding model id
     * @param custom the model from files or an endpoint that {@code embedding.model} describes as a
     *     mapping, or null for a shipped model
     * @param threads embedding threads, or null for one per core
     * @param niceness how far below the process's OS priority ingestion runs work (0 to 19), or null
     *     for the default (10: searches beside a run keep the CPU they need)
     */
    public record Embedding(String model, Integer threads, Integer niceness, EmbeddingModelSpec custom) {
        public Embedding(String model, Integer threads, Integer niceness) {
            this(model, threads, niceness, null);
        }
    }

    /**
     * @param maxTokens largest chunk in the model's tokens, or null for the default (256, or the model's limit when lower)
     * @param overlapTokens tokens shared by consecutive chunks of one section
     */
    public record Chunking(Integer maxTokens, int overlapTokens) {}

    /**
     * @param maxFileMb files larger than this are quarantined
     * @param parseTimeoutSeconds parses slower than this are quarantined
     */
    public record Extraction(int maxFileMb, int parseTimeoutSeconds) {}

    /**
     * A local folder or file, or web pages, to ingest.
     *
     * @param name the source's name, for filters and status; unique in the file
     * @param path the folder or file, or null for a web source
     * @param include relative-path globs to keep (empty: all)
     * @param exclude relative-path globs to skip
     * @param freshness how old the last successful sync may be before status reports a breach, or null for no target
     * @param gitignore whether the .gitignore files in the folder leave files out too
     * @param urls pages to fetch (web sources)
     * @param sitemaps sitemaps whose pages to fetch (web sources)
     * @param http how a web source fetches, or null for a local one
     * @param access who may read the source's documents through the service (open by default)
     */
    public record Source(
            String name,
            Path path,
            List<String> include,
            List<String> exclude,
            Duration freshness,
            boolean gitignore,
            List<URI> urls,
            List<URI> sitemaps,
            FetchSettings http,
            AccessList access) {
        public Source {
            access = access == null ? AccessList.PUBLIC : access;
            include = List.copyOf(include);
            exclude = List.copyOf(exclude);
            urls = List.copyOf(urls);
            sitemaps = List.copyOf(sitemaps);
        }

        /** A local folder or file. */
        public Source(
                String name,
                Path path,
                List<String> include,
                List<String> exclude,
                Duration freshness,
                boolean gitignore) {
            this(name, path, include, exclude, freshness, gitignore, List.of(), List.of(), null, AccessList.PUBLIC);
        }

        /** Whether this is a web source (URLs and sitemaps) rather than a local folder or file. */
        public boolean web() {
            return path == null;
        }
    }

    /**
     * @param gates thresholds each evaluated mode must meet
     * @param maxDrop the largest drop of any metric against the baseline run that may pass, or null for
     *     no regression check
     * @param alpha the significance level under which a drop counts as real (the paired test's p-value)
     */
    public record Eval(List<Gate> gates, Double maxDrop, double alpha) {
        public static final Eval NONE = new Eval(List.of(), null, 0.05);

        public Eval {
            gates = List.copyOf(gates);
        }
    }

    /**
     * An OpenAI-compatible chat endpoint for answers.
     *
     * @param settings endpoint, model, key variable, time-outs, retries and limits
     * @param strongModel a stronger model tried when the first answer fails its citation check, or null
     * @param maxAnswerTokens most tokens an answer may take
     * @param budget spend limits (0: none)
     * @param prices the default price table with this file's overrides
     * @param judgeConflicts whether the model confirms each conflict the deterministic checks find among an
     *     answer's passages before the answer warns about it ({@code llm.judgeConflicts}, default false)
     */
    public record Llm(
            LlmSettings settings,
            String strongModel,
            int maxAnswerTokens,
            Budget.Limits budget,
            PriceTable prices,
            boolean judgeConflicts) {}

    /** The configuration when there is no file: nothing but defaults, no sources. */
    public static SluiceConfig defaults() {
        return new SluiceConfig(
                null,
                DEFAULT_INDEX,
                dev.sluice.index.IndexLanguage.DEFAULT,
                new Embedding("bge-small-en-v1.5-q", null, null),
                new Chunking(null, 32),
                new Extraction(32, 60),
                List.of(),
                Eval.NONE,
                RetrievalSettings.DEFAULTS,
                RerankSettings.DEFAULTS,
                null,
                dev.sluice.incident.IncidentSettings.DEFAULTS,
                dev.sluice.quality.QualitySettings.DEFAULTS,
                dev.sluice.transform.TransformSettings.NONE,
                dev.sluice.lineage.LineageSettings.NONE,
                Backends.EMBEDDED,
                java.util.Map.of());
    }
}
