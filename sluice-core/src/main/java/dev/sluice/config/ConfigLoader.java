package dev.sluice.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.Gate;
import dev.sluice.retrieve.RerankSettings;
import dev.sluice.retrieve.RetrievalSettings;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates {@code sluice.yaml}. Every error names the file, the line and the key, and
 * says what is allowed; an unknown key is refused with the closest known one as a suggestion. Paths
 * in the file are relative to the file's folder.
 */
public final class ConfigLoader extends ConfigReader {
    private static final Set<String> TOP = Set.of(
            "index",
            "catalog",
            "embedding",
            "chunking",
            "extraction",
            "sources",
            "eval",
            "retrieval",
            "llm",
            "incidents",
            "checks",
            "transforms",
            "lineage");
    private static final Set<String> RETRIEVAL = Set.of(
            "bm25", "denseCandidates", "fusionDepth", "rrfK", "bm25Weight", "denseWeight", "documentMatch", "rerank");
    private static final Set<String> RERANK = Set.of("enabled", "candidates", "maxPassageChars", "model");
    private static final Set<String> BM25 = Set.of("k1", "b");
    private static final Set<String> EVAL = Set.of("gates", "regression");
    private static final Set<String> REGRESSION = Set.of("maxDrop", "alpha");
    private static final Set<String> EMBEDDING = Set.of("model", "threads", "niceness");
    private static final Set<String> CHUNKING = Set.of("maxTokens", "overlapTokens");
    private static final Set<String> EXTRACTION = Set.of("maxFileMb", "parseTimeoutSeconds");

    private ConfigLoader(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    /** Loads {@code file}; fails with a {@link ConfigException} naming file, line and key. */
    public static SluiceConfig load(Path file) {
        return load(file, System::getenv);
    }

    /** As {@link #load(Path)}, with {@code ${VAR}} in values looked up in {@code environment}. */
    public static SluiceConfig load(Path file, java.util.function.Function<String, String> environment) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, "no such file; create one with: sluice init");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, "not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        JsonNode root;
        Map<String, Integer> lines = new HashMap<>();
        try {
            root = new YAMLMapper().readTree(text);
            try (JsonParser parser = new YAMLFactory().createParser(text)) {
                if (parser.nextToken() != null) {
                    recordLines(parser, "", lines);
                }
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file, line, "not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file, 0, "cannot read: " + e.getMessage(), e);
        }
        root = root == null ? MissingNode.getInstance() : new EnvInterpolation(file, lines, environment).apply(root);
        return new ConfigLoader(file, lines).bind(root);
    }

    /** Loads {@code sluice.yaml} from {@code folder} when it exists, else the built-in defaults. */
    public static SluiceConfig loadIfPresent(Path file) {
        return Files.exists(file) ? load(file) : SluiceConfig.defaults();
    }

    /** Walks the YAML tokens once to learn the line of every key ({@code sources[1].path} -> 9). */
    private static void recordLines(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                lines.put(child, parser.currentTokenLocation().getLineNr());
                parser.nextToken();
                recordLines(parser, child, lines);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String child = path + "[" + i++ + "]";
                lines.put(child, parser.currentTokenLocation().getLineNr());
                recordLines(parser, child, lines);
            }
        }
    }

    private SluiceConfig bind(JsonNode root) {
        SluiceConfig defaults = SluiceConfig.defaults();
        if (root.isMissingNode() || root.isNull()) {
            return new SluiceConfig(
                    file,
                    defaults.index(),
                    defaults.language(),
                    defaults.embedding(),
                    defaults.chunking(),
                    defaults.extraction(),
                    List.of(),
                    SluiceConfig.Eval.NONE,
                    RetrievalSettings.DEFAULTS,
                    RerankSettings.DEFAULTS,
                    null,
                    dev.sluice.incident.IncidentSettings.DEFAULTS,
                    dev.sluice.quality.QualitySettings.DEFAULTS,
                    dev.sluice.transform.TransformSettings.NONE,
                    dev.sluice.lineage.LineageSettings.NONE,
                    SluiceConfig.Backends.EMBEDDED,
                    Map.of());
        }
        object(root, "", TOP);
        Path base = file.toAbsolutePath().getParent();
        IndexSection.Read index = new IndexSection(file, lines).read(root, base, defaults);

        JsonNode embeddingNode = section(root, "embedding", EMBEDDING);
        EmbeddingModelSpec spec;
        if (embeddingNode.has("model") && embeddingNode.get("model").isObject()) { // a model from files or an endpoint
            spec = new EmbeddingSection(file, lines).model(embeddingNode.get("model"), base);
        } else {
            try {
                spec = EmbeddingModelSpec.byId(
                        embeddingNode.has("model")
                                ? string(embeddingNode.get("model"), "embedding.model")
                                : defaults.embedding().model());
            } catch (IllegalArgumentException e) {
                throw error("embedding.model", e.getMessage());
            }
        }
        Integer threads =
                embeddingNode.has("threads") ? positive(embeddingNode.get("threads"), "embedding.threads") : null;
        Integer niceness = embeddingNode.has("niceness") ? niceness(embeddingNode.get("niceness")) : null;

        JsonNode chunkingNode = section(root, "chunking", CHUNKING);
        Integer maxTokens =
                chunkingNode.has("maxTokens") ? positive(chunkingNode.get("maxTokens"), "chunking.maxTokens") : null;
        int overlap = chunkingNode.has("overlapTokens")
                ? integer(chunkingNode.get("overlapTokens"), "chunking.overlapTokens")
                : defaults.chunking().overlapTokens();
        try {
            int effectiveMax = maxTokens != null
                    ? maxTokens
                    : ChunkerSettings.defaultsWithin(spec.maxChunkTokens()).maxTokens();
            new ChunkerSettings(effectiveMax, overlap).requireWithinModelLimit(spec.id(), spec.maxChunkTokens());
        } catch (IllegalArgumentException e) {
            String key = e.getMessage().startsWith("chunking.overlapTokens")
                    ? "chunking.overlapTokens"
                    : "chunking.maxTokens";
            throw error(key, e.getMessage());
        }

        JsonNode extractionNode = section(root, "extraction", EXTRACTION);
        int maxFileMb = extractionNode.has("maxFileMb")
                ? positive(extractionNode.get("maxFileMb"), "extraction.maxFileMb")
                : defaults.extraction().maxFileMb();
        int parseTimeout = extractionNode.has("parseTimeoutSeconds")
                ? positive(extractionNode.get("parseTimeoutSeconds"), "extraction.parseTimeoutSeconds")
                : defaults.extraction().parseTimeoutSeconds();

        JsonNode retrievalNode = section(root, "retrieval", RETRIEVAL);
        RerankSettings rerank = rerank(section(retrievalNode, "rerank", RERANK, "retrieval.rerank"));
        SluiceConfig.Llm llm = new LlmSection(file, lines).llm(root.get("llm"));
        if (rerank.enabled() && llm == null) {
            throw error(
                    "retrieval.rerank.enabled",
                    "retrieval.rerank.enabled is true, but reranking asks a language model and sluice.yaml has no"
                            + " llm section: add one (baseUrl, model, apiKeyEnv), or set retrieval.rerank.enabled:"
                            + " false");
        }
        List<SluiceConfig.Source> sources = new SourcesSection(file, lines).sources(root.get("sources"), base);
        dev.sluice.transform.TransformSettings transforms =
                new TransformsSection(file, lines).transforms(root, llm, sources, base);
        return new SluiceConfig(
                file,
                index.folder(),
                index.language(),
                new SluiceConfig.Embedding(
                        spec.id(), threads, niceness, spec.kind() == EmbeddingModelSpec.Kind.BUILT_IN ? null : spec),
                new SluiceConfig.Chunking(maxTokens, overlap),
                new SluiceConfig.Extraction(maxFileMb, parseTimeout),
                sources,
                eval(section(root, "eval", EVAL)),
                retrieval(retrievalNode),
                rerank,
                llm,
                new IncidentsSection(file, lines).incidents(root),
                new ChecksSection(file, lines).read(root, sources, transforms.metadataFields()),
                transforms,
                new LineageSection(file, lines).lineage(root, base),
                new SluiceConfig.Backends(index.backend(), new CatalogSection(file, lines).read(root)),
                lines);
    }

    private int niceness(JsonNode node) {
        int value = integer(node, "embedding.niceness");
        if (value > dev.sluice.core.Niceness.IDLE) {
            throw error(
                    "embedding.niceness",
                    "embedding.niceness must be 0 (ingestion at the process's own priority) to 19 (the lowest nice"
                            + " value), or 20 (the idle scheduling class), got " + value);
        }
        return value;
    }

    private RetrievalSettings retrieval(JsonNode node) {
        RetrievalSettings d = RetrievalSettings.DEFAULTS;
        if (node.isMissingNode()) {
            return d;
        }
        JsonNode bm25 = section(node, "bm25", BM25, "retrieval.bm25");
        float k1 = bm25.has("k1") ? (float) number(bm25.get("k1"), "retrieval.bm25.k1", 0, 10) : d.bm25K1();
        float b = bm25.has("b") ? (float) number(bm25.get("b"), "retrieval.bm25.b", 0, 1) : d.bm25B();
        int candidates = node.has("denseCandidates")
                ? positive(node.get("denseCandidates"), "retrieval.denseCandidates")
                : d.denseCandidates();
        int depth =
                node.has("fusionDepth") ? positive(node.get("fusionDepth"), "retrieval.fusionDepth") : d.fusionDepth();
        int rrfK = node.has("rrfK") ? positive(node.get("rrfK"), "retrieval.rrfK") : d.rrfK();
        double bm25Weight = node.has("bm25Weight")
                ? number(node.get("bm25Weight"), "retrieval.bm25Weight", 0, 100)
                : d.bm25Weight();
        double denseWeight = node.has("denseWeight")
                ? number(node.get("denseWeight"), "retrieval.denseWeight", 0, 100)
                : d.denseWeight();
        boolean documentMatch = node.has("documentMatch")
                ? bool(node.get("documentMatch"), "retrieval.documentMatch")
                : d.documentMatch();
        try {
            return new RetrievalSettings(k1, b, candidates, depth, rrfK, bm25Weight, denseWeight, documentMatch);
        } catch (IllegalArgumentException e) {
            throw error("retrieval", e.getMessage());
        }
    }

    private RerankSettings rerank(JsonNode node) {
        RerankSettings d = RerankSettings.DEFAULTS;
        if (node.isMissingNode()) {
            return d;
        }
        boolean enabled = node.has("enabled") ? bool(node.get("enabled"), "retrieval.rerank.enabled") : d.enabled();
        int candidates = node.has("candidates")
                ? range(node.get("candidates"), "retrieval.rerank.candidates", 2, 100)
                : d.candidates();
        int maxPassageChars = node.has("maxPassageChars")
                ? range(node.get("maxPassageChars"), "retrieval.rerank.maxPassageChars", 100, 20_000)
                : d.maxPassageChars();
        String model = node.has("model") ? string(node.get("model"), "retrieval.rerank.model") : d.model();
        return new RerankSettings(enabled, candidates, maxPassageChars, model);
    }

    /** A whole number from {@code min} to {@code max}; the message names the key and the range. */
    private int range(JsonNode node, String key, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(key, key + " must be a whole number from " + min + " to " + max + ", got " + describe(node));
        }
        int value = node.asInt();
        if (value < min || value > max) {
            throw error(key, key + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    private SluiceConfig.Eval eval(JsonNode node) {
        if (node.isMissingNode()) {
            return SluiceConfig.Eval.NONE;
        }
        List<Gate> gates = new ArrayList<>();
        JsonNode list = node.get("gates");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw error(
                        "eval.gates", "eval.gates must be a list such as ['ndcg@10 >= 0.30'], got " + describe(list));
            }
            for (int i = 0; i < list.size(); i++) {
                String key = "eval.gates[" + i + "]";
                try {
                    gates.add(Gate.parse(string(list.get(i), key)));
                } catch (IllegalArgumentException | dev.sluice.core.SluiceException e) {
                    throw error(key, key + ": " + e.getMessage());
                }
            }
        }
        Double maxDrop = null;
        double alpha = SluiceConfig.Eval.NONE.alpha();
        JsonNode regression = node.get("regression");
        if (regression != null && !regression.isNull()) {
            object(regression, "eval.regression", REGRESSION);
            maxDrop = fraction(regression.get("maxDrop"), "eval.regression.maxDrop", 0.01);
            alpha = fraction(regression.get("alpha"), "eval.regression.alpha", alpha);
        }
        return new SluiceConfig.Eval(gates, maxDrop, alpha);
    }
}
