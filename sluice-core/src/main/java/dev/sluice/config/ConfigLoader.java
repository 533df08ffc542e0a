package dev.sluice.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.core.AccessList;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.eval.Gate;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.PriceTable;
import dev.sluice.llm.TokenParameter;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.source.http.FetchSettings;
import dev.sluice.source.http.UrlSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates {@code sluice.yaml}. Every error names the file, the line and the key, and
 * says what is allowed; an unknown key is refused with the closest known one as a suggestion. Paths
 * in the file are relative to the file's folder.
 */
public final class ConfigLoader {
    private static final Set<String> TOP =
            Set.of("index", "embedding", "chunking", "extraction", "sources", "eval", "retrieval", "llm");
    private static final Set<String> RETRIEVAL =
            Set.of("bm25", "denseCandidates", "fusionDepth", "rrfK", "bm25Weight", "denseWeight");
    private static final Set<String> BM25 = Set.of("k1", "b");
    private static final Set<String> LLM = Set.of(
            "baseUrl",
            "model",
            "apiKeyEnv",
            "provider",
            "azure",
            "tokenParameter",
            "strongModel",
            "timeoutSeconds",
            "retries",
            "requestsPerMinute",
            "tokensPerMinute",
            "maxAnswerTokens",
            "budget",
            "prices");
    private static final Set<String> LLM_AZURE = Set.of("apiVersion", "deployments");
    private static final Set<String> LLM_BUDGET =
            Set.of("dailyUsd", "monthlyUsd", "perKeyDailyUsd", "perKeyMonthlyUsd");
    private static final Set<String> PRICE = Set.of("inputPerMillion", "outputPerMillion");
    private static final Set<String> ACCESS = Set.of("principals", "groups");
    private static final Set<String> EVAL = Set.of("gates", "regression");
    private static final Set<String> REGRESSION = Set.of("maxDrop", "alpha");
    private static final Set<String> EMBEDDING = Set.of("model", "threads");
    private static final Set<String> CHUNKING = Set.of("maxTokens", "overlapTokens");
    private static final Set<String> EXTRACTION = Set.of("maxFileMb", "parseTimeoutSeconds");
    private static final Set<String> SOURCE = Set.of(
            "name", "path", "include", "exclude", "freshness", "gitignore", "urls", "sitemaps", "http", "access");
    private static final Set<String> HTTP = Set.of(
            "allowPrivateAddresses",
            "allowedHosts",
            "maxMb",
            "timeoutSeconds",
            "concurrency",
            "requestsPerSecond",
            "retries");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private final Path file;
    private final Map<String, Integer> lines;

    private ConfigLoader(Path file, Map<String, Integer> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Loads {@code file}; fails with a {@link ConfigException} naming file, line and key. */
    public static SluiceConfig load(Path file) {
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
        return new ConfigLoader(file, lines).bind(root == null ? MissingNode.getInstance() : root);
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
                    defaults.embedding(),
                    defaults.chunking(),
                    defaults.extraction(),
                    List.of(),
                    SluiceConfig.Eval.NONE,
                    RetrievalSettings.DEFAULTS,
                    null,
                    Map.of());
        }
        object(root, "", TOP);
        Path base = file.toAbsolutePath().getParent();
        Path index = root.has("index")
                ? base.resolve(string(root.get("index"), "index")).normalize()
                : base.resolve(defaults.index());

        JsonNode embeddingNode = section(root, "embedding", EMBEDDING);
        String model = embeddingNode.has("model")
                ? string(embeddingNode.get("model"), "embedding.model")
                : defaults.embedding().model();
        EmbeddingModelSpec spec;
        try {
            spec = EmbeddingModelSpec.byId(model);
        } catch (IllegalArgumentException e) {
            throw error("embedding.model", e.getMessage());
        }
        Integer threads =
                embeddingNode.has("threads") ? positive(embeddingNode.get("threads"), "embedding.threads") : null;

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

        return new SluiceConfig(
                file,
                index,
                new SluiceConfig.Embedding(spec.id(), threads),
                new SluiceConfig.Chunking(maxTokens, overlap),
                new SluiceConfig.Extraction(maxFileMb, parseTimeout),
                sources(root.get("sources"), base),
                eval(section(root, "eval", EVAL)),
                retrieval(section(root, "retrieval", RETRIEVAL)),
                llm(root.get("llm")),
                lines);
    }

    private SluiceConfig.Llm llm(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject() && (node.has("apiKey") || node.has("key"))) {
            String key = node.has("apiKey") ? "llm.apiKey" : "llm.key";
            throw error(
                    key,
                    key + ": API keys never go in sluice.yaml; export the key in an environment variable"
                            + " and name that variable with llm.apiKeyEnv (e.g. apiKeyEnv: OPENAI_API_KEY)");
        }
        object(node, "llm", LLM);
        for (String required : List.of("baseUrl", "model")) {
            if (!node.has(required)) {
                throw error(
                        "llm",
                        "llm needs " + required
                                + " (for example baseUrl: https://api.openai.com/v1, model: gpt-4o-mini)");
            }
        }
        String baseUrl = string(node.get("baseUrl"), "llm.baseUrl");
        try {
            java.net.URI uri = new java.net.URI(baseUrl);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new java.net.URISyntaxException(baseUrl, "not an http(s) URL with a host");
            }
        } catch (java.net.URISyntaxException e) {
            throw error("llm.baseUrl", "llm.baseUrl must be an http or https URL, got \"" + baseUrl + "\"");
        }
        LlmSettings.Builder settings = LlmSettings.builder(
                baseUrl,
                string(node.get("model"), "llm.model"),
                node.has("apiKeyEnv") ? string(node.get("apiKeyEnv"), "llm.apiKeyEnv") : null);
        provider(node, settings);
        if (node.has("tokenParameter")) {
            String label = string(node.get("tokenParameter"), "llm.tokenParameter");
            TokenParameter tokens = TokenParameter.fromLabel(label);
            if (tokens == null) {
                throw error(
                        "llm.tokenParameter",
                        "llm.tokenParameter must be auto (max_completion_tokens for o1, o3, o4 and gpt-5 models,"
                                + " max_tokens for others), max_tokens or max_completion_tokens, got \"" + label
                                + "\"");
            }
            settings.tokenParameter(tokens);
        }
        if (node.has("timeoutSeconds")) {
            settings.timeoutMillis(positive(node.get("timeoutSeconds"), "llm.timeoutSeconds") * 1000L);
        }
        if (node.has("retries")) {
            settings.retries(integer(node.get("retries"), "llm.retries"), 500);
        }
        int rpm = node.has("requestsPerMinute") ? positive(node.get("requestsPerMinute"), "llm.requestsPerMinute") : 0;
        int tpm = node.has("tokensPerMinute") ? positive(node.get("tokensPerMinute"), "llm.tokensPerMinute") : 0;
        settings.limits(rpm, tpm);
        int maxTokens =
                node.has("maxAnswerTokens") ? positive(node.get("maxAnswerTokens"), "llm.maxAnswerTokens") : 500;
        String strong = node.has("strongModel") ? string(node.get("strongModel"), "llm.strongModel") : null;
        JsonNode budget = section(node, "budget", LLM_BUDGET, "llm.budget");
        Budget.Limits limits;
        try {
            limits = Budget.Limits.usd(
                    usd(budget.get("dailyUsd"), "llm.budget.dailyUsd"),
                    usd(budget.get("monthlyUsd"), "llm.budget.monthlyUsd"),
                    usd(budget.get("perKeyDailyUsd"), "llm.budget.perKeyDailyUsd"),
                    usd(budget.get("perKeyMonthlyUsd"), "llm.budget.perKeyMonthlyUsd"));
        } catch (ArithmeticException e) {
            throw error("llm.budget", "llm.budget: amounts take at most 12 decimals");
        }
        PriceTable prices = PriceTable.defaults();
        JsonNode priceNode = node.get("prices");
        if (priceNode != null && !priceNode.isNull()) {
            if (!priceNode.isObject()) {
                throw error("llm.prices", "llm.prices must map model names to {inputPerMillion, outputPerMillion}");
            }
            java.util.Iterator<String> models = priceNode.fieldNames();
            while (models.hasNext()) {
                String model = models.next();
                String key = "llm.prices." + model;
                JsonNode price = priceNode.get(model);
                object(price, key, PRICE);
                prices = prices.with(
                        model,
                        PriceTable.Price.perMillion(
                                java.util.Objects.requireNonNullElse(
                                        usd(price.get("inputPerMillion"), key + ".inputPerMillion"), "0"),
                                java.util.Objects.requireNonNullElse(
                                        usd(price.get("outputPerMillion"), key + ".outputPerMillion"), "0")));
            }
        }
        LlmSettings built;
        try {
            built = settings.build();
        } catch (IllegalArgumentException e) {
            throw error("llm", "llm: " + e.getMessage());
        }
        if (strong != null) {
            try {
                built.chatCompletionsUri(strong); // an Azure strong model needs a deployment name too
            } catch (IllegalArgumentException e) {
                throw error("llm.strongModel", "llm.strongModel: " + e.getMessage());
            }
        }
        return new SluiceConfig.Llm(built, strong, maxTokens, limits, prices);
    }

    /**
     * {@code provider: openai} (the default) needs nothing more; {@code provider: azure} needs {@code
     * azure.apiVersion} and takes {@code azure.deployments} (model name to deployment name).
     */
    private void provider(JsonNode node, LlmSettings.Builder settings) {
        String label = node.has("provider") ? string(node.get("provider"), "llm.provider") : "openai";
        LlmSettings.Provider provider = LlmSettings.Provider.fromLabel(label);
        if (provider == null) {
            throw error(
                    "llm.provider",
                    "llm.provider must be openai (any OpenAI-compatible server, the default) or azure (Azure"
                            + " OpenAI deployment URLs), got \"" + label + "\"");
        }
        JsonNode azure = section(node, "azure", LLM_AZURE, "llm.azure");
        if (provider == LlmSettings.Provider.OPENAI) {
            if (!azure.isMissingNode()) {
                throw error(
                        "llm.azure",
                        "llm.azure applies to provider: azure only; add provider: azure to llm, or remove llm.azure");
            }
            return;
        }
        if (!azure.has("apiVersion")) {
            throw error(
                    azure.isMissingNode() ? "llm.provider" : "llm.azure",
                    "llm.azure.apiVersion is required with provider: azure (for example azure: {apiVersion:"
                            + " 2024-10-21}); the deployment defaults to the model's name, or map models to"
                            + " deployments in llm.azure.deployments");
        }
        String apiVersion = string(azure.get("apiVersion"), "llm.azure.apiVersion");
        Map<String, String> deployments = new HashMap<>();
        JsonNode map = azure.get("deployments");
        if (map != null && !map.isNull()) {
            if (!map.isObject()) {
                throw error(
                        "llm.azure.deployments",
                        "llm.azure.deployments must map model names to deployment names (gpt-4o-mini: my-mini),"
                                + " got " + describe(map));
            }
            Iterator<String> models = map.fieldNames();
            while (models.hasNext()) {
                String model = models.next();
                String key = "llm.azure.deployments." + model;
                deployments.put(model, string(map.get(model), key));
            }
        }
        try {
            settings.azure(apiVersion, deployments);
        } catch (IllegalArgumentException e) {
            throw error("llm.azure", e.getMessage()); // the message names the key within llm.azure
        }
    }

    /** A dollar amount as text for exact arithmetic, or null when absent; never negative. */
    private String usd(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.decimalValue().signum() < 0) {
            throw error(key, key + " must be an amount in US dollars >= 0, got " + describe(node));
        }
        return node.decimalValue().toPlainString();
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
        try {
            return new RetrievalSettings(k1, b, candidates, depth, rrfK, bm25Weight, denseWeight);
        } catch (IllegalArgumentException e) {
            throw error("retrieval", e.getMessage());
        }
    }

    private double number(JsonNode node, String key, double min, double max) {
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw error(key, key + " must be a number from " + min + " to " + max + ", got " + describe(node));
        }
        return node.asDouble();
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

    private double fraction(JsonNode node, String key, double fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw error(key, key + " must be a number from 0 to 1, got " + describe(node));
        }
        return node.asDouble();
    }

    private List<SluiceConfig.Source> sources(JsonNode node, Path base) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("sources", "sources must be a list of sources (each with a path), got " + describe(node));
        }
        List<SluiceConfig.Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "sources[" + i + "]";
            JsonNode s = node.get(i);
            object(s, at, SOURCE);
            boolean web = s.has("urls") || s.has("sitemaps");
            if (web) {
                sources.add(webSource(s, at, names));
                continue;
            }
            if (!s.has("path")) {
                throw error(
                        at,
                        at + " needs a path (a folder or file, relative to " + file.getFileName()
                                + "), or urls or sitemaps for web pages");
            }
            if (s.has("http")) {
                throw error(at + ".http", at + ".http applies to web sources (urls, sitemaps), not to a path");
            }
            Path path = base.resolve(string(s.get("path"), at + ".path")).normalize();
            String name = s.has("name") ? string(s.get("name"), at + ".name") : nameOf(path);
            if (!names.add(name)) {
                throw error(
                        s.has("name") ? at + ".name" : at + ".path",
                        "source name '" + name + "' is used twice; give each source its own name");
            }
            List<String> include = globs(s.get("include"), at + ".include");
            List<String> exclude = globs(s.get("exclude"), at + ".exclude");
            Duration freshness = s.has("freshness") ? duration(s.get("freshness"), at + ".freshness") : null;
            boolean gitignore = s.has("gitignore") && bool(s.get("gitignore"), at + ".gitignore");
            sources.add(new SluiceConfig.Source(
                    name,
                    path,
                    include,
                    exclude,
                    freshness,
                    gitignore,
                    List.of(),
                    List.of(),
                    null,
                    access(s.get("access"), at + ".access")));
        }
        return sources;
    }

    private SluiceConfig.Source webSource(JsonNode s, String at, Set<String> names) {
        for (String localOnly : List.of("path", "include", "exclude", "gitignore")) {
            if (s.has(localOnly)) {
                throw error(
                        at + "." + localOnly,
                        at + "." + localOnly + " applies to folders and files; a source with urls or sitemaps"
                                + " fetches exactly the pages they name");
            }
        }
        List<URI> urls = urls(s.get("urls"), at + ".urls");
        List<URI> sitemaps = urls(s.get("sitemaps"), at + ".sitemaps");
        if (urls.isEmpty() && sitemaps.isEmpty()) {
            throw error(at, at + " names no URL: give urls or sitemaps at least one");
        }
        String name = s.has("name")
                ? string(s.get("name"), at + ".name")
                : (urls.isEmpty() ? sitemaps : urls).getFirst().getHost();
        if (!names.add(name)) {
            throw error(
                    s.has("name") ? at + ".name" : at,
                    "source name '" + name + "' is used twice; give each source its own name");
        }
        Duration freshness = s.has("freshness") ? duration(s.get("freshness"), at + ".freshness") : null;
        return new SluiceConfig.Source(
                name,
                null,
                List.of(),
                List.of(),
                freshness,
                false,
                urls,
                sitemaps,
                http(s.get("http"), at + ".http"),
                access(s.get("access"), at + ".access"));
    }

    /** {@code access: {principals: [...], groups: [...]}}; absent: open to every caller. */
    private AccessList access(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return AccessList.PUBLIC;
        }
        object(node, key, ACCESS);
        List<String> principals = names(node.get("principals"), key + ".principals");
        List<String> groups = names(node.get("groups"), key + ".groups");
        if (principals.isEmpty() && groups.isEmpty()) {
            throw error(key, key + " names no principal and no group; remove it to open the source to every caller");
        }
        return new AccessList(principals, groups);
    }

    private List<String> names(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error(key, key + " must be a list of names, got " + describe(node));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = string(node.get(i), key + "[" + i + "]");
            if (name.contains(",")) {
                throw error(key + "[" + i + "]", key + "[" + i + "] must not contain commas, got \"" + name + "\"");
            }
            out.add(name);
        }
        return out;
    }

    private List<URI> urls(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<URI> urls = new ArrayList<>();
        if (node.isTextual()) {
            urls.add(url(node, key));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                urls.add(url(node.get(i), key + "[" + i + "]"));
            }
        } else {
            throw error(key, key + " must be a URL or a list of URLs, got " + describe(node));
        }
        return urls;
    }

    private URI url(JsonNode node, String key) {
        try {
            return UrlSource.parse(string(node, key), key);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    private FetchSettings http(JsonNode node, String key) {
        FetchSettings d = FetchSettings.defaults();
        if (node == null || node.isNull()) {
            return d;
        }
        object(node, key, HTTP);
        boolean allowPrivate = node.has("allowPrivateAddresses")
                && bool(node.get("allowPrivateAddresses"), key + ".allowPrivateAddresses");
        long maxBytes = node.has("maxMb") ? positive(node.get("maxMb"), key + ".maxMb") * 1024L * 1024 : d.maxBytes();
        long timeout = node.has("timeoutSeconds")
                ? positive(node.get("timeoutSeconds"), key + ".timeoutSeconds") * 1000L
                : d.timeoutMillis();
        int concurrency =
                node.has("concurrency") ? positive(node.get("concurrency"), key + ".concurrency") : d.concurrency();
        double rate = d.requestsPerSecond();
        if (node.has("requestsPerSecond")) {
            JsonNode r = node.get("requestsPerSecond");
            if (!r.isNumber() || !(r.asDouble() > 0)) {
                throw error(
                        key + ".requestsPerSecond",
                        key + ".requestsPerSecond must be a number > 0 (0.5 is one request every 2 s), got "
                                + describe(r));
            }
            rate = r.asDouble();
        }
        int retries = node.has("retries") ? integer(node.get("retries"), key + ".retries") : d.retries();
        List<String> allowedHosts = new ArrayList<>();
        if (node.has("allowedHosts")) {
            JsonNode hosts = node.get("allowedHosts");
            if (!hosts.isArray()) {
                throw error(
                        key + ".allowedHosts",
                        key + ".allowedHosts must be a list of host names, got " + describe(hosts));
            }
            for (int i = 0; i < hosts.size(); i++) {
                allowedHosts.add(string(hosts.get(i), key + ".allowedHosts[" + i + "]"));
            }
        }
        return new FetchSettings(
                allowPrivate,
                allowedHosts,
                maxBytes,
                timeout,
                concurrency,
                rate,
                retries,
                d.backoffMillis(),
                d.maxRetryAfterMillis(),
                d.maxRedirects());
    }

    private static String nameOf(Path path) {
        Path name = path.getFileName();
        return name == null ? "root" : name.toString();
    }

    private List<String> globs(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> globs = new ArrayList<>();
        if (node.isTextual()) {
            globs.add(node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                globs.add(string(node.get(i), key + "[" + i + "]"));
            }
        } else {
            throw error(key, key + " must be a glob or a list of globs, got " + describe(node));
        }
        for (String glob : globs) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw error(key, key + ": glob '" + glob + "' is not valid: " + e.getMessage());
            }
        }
        return globs;
    }

    private Duration duration(JsonNode node, String key) {
        Matcher m = node.isTextual() ? DURATION.matcher(node.asText().trim().toLowerCase(Locale.ROOT)) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw error(key, key + " must be a positive duration such as 90s, 30m, 24h or 7d, got " + describe(node));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private JsonNode section(JsonNode root, String key, Set<String> allowed) {
        return section(root, key, allowed, key);
    }

    /** A nested mapping, checked against its allowed keys; {@code path} names it in messages. */
    private JsonNode section(JsonNode root, String key, Set<String> allowed, String path) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return MissingNode.getInstance();
        }
        object(node, path, allowed);
        return node;
    }

    /** Checks that {@code node} is a mapping whose keys are all known. */
    private void object(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw error(
                    path,
                    (path.isEmpty() ? "the file" : path) + " must be a mapping of keys to values, got "
                            + describe(node));
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                String full = path.isEmpty() ? key : path + "." + key;
                String suggestion = closest(key, allowed);
                throw error(
                        full,
                        "unknown key '" + full + "'"
                                + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
                                + "; known keys here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private String string(JsonNode node, String key) {
        if (!node.isTextual() && !node.isNumber() || node.asText().isBlank()) {
            throw error(key, key + " must be a non-empty text, got " + describe(node));
        }
        return node.asText().trim();
    }

    private boolean bool(JsonNode node, String key) {
        if (!node.isBoolean()) {
            throw error(key, key + " must be true or false, got " + describe(node));
        }
        return node.asBoolean();
    }

    private int integer(JsonNode node, String key) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(key, key + " must be a whole number, got " + describe(node));
        }
        int value = node.asInt();
        if (value < 0) {
            throw error(key, key + " must be >= 0, got " + value);
        }
        return value;
    }

    private int positive(JsonNode node, String key) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error(key, key + " must be a whole number, got " + describe(node));
        }
        int value = node.asInt();
        if (value <= 0) {
            throw error(key, key + " must be > 0, got " + value);
        }
        return value;
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isNull() ? "nothing" : node.toString();
    }

    private ConfigException error(String key, String message) {
        return new ConfigException(file, lines.getOrDefault(key, 0), message);
    }

    /**
     * The allowed key closest to {@code key}, case ignored: one that starts with it or it starts with
     * ({@code overlap} for {@code overlapTokens}), else one within an edit distance of 3; or null.
     */
    static String closest(String key, Set<String> allowed) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String candidate : new java.util.TreeSet<>(allowed)) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (lower.length() >= 3 && (c.startsWith(lower) || lower.startsWith(c))) {
                return candidate;
            }
        }
        String best = null;
        int bestDistance = 4;
        for (String candidate : new LinkedHashSet<>(new java.util.TreeSet<>(allowed))) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
