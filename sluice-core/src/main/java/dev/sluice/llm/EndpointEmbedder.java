package dev.sluice.llm;

import dev.sluice.chunk.TokenCounter;
import dev.sluice.embed.Embedder;
import dev.sluice.embed.EmbeddingEndpoint;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.EmbeddingUnavailableException;
import dev.sluice.embed.ModelTokenizer;
import dev.sluice.embed.OnnxEmbedder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An {@link Embedder} over an OpenAI-compatible {@code POST /embeddings} endpoint, every request through
 * an {@link LlmGateway} of its own (its settings come from {@code embedding.model}) that records to the
 * knowledge base's ledger. Passages are sent {@link #batchSize()} per request. Chunks are counted with
 * the shipped bge tokenizer, an estimate of the endpoint's count. Thread-safe.
 *
 * <p>Its dimensions are the configured ones, else those of one probe request made when it opens.
 */
public final class EndpointEmbedder implements Embedder {
    private final EmbeddingModelSpec spec;
    private final EmbeddingEndpoint endpoint;
    private final LlmGateway gateway;
    private final ModelTokenizer tokenizer;
    private final int dimensions;

    public EndpointEmbedder(EmbeddingModelSpec spec, LedgerStore ledger, Function<String, String> environment) {
        this.spec = spec;
        this.endpoint = spec.endpointSettings();
        LlmSettings settings = LlmSettings.builder(
                        endpoint.baseUrl().toString(), endpoint.model(), endpoint.apiKeyEnv())
                .timeoutMillis(endpoint.timeoutMillis())
                .retries(endpoint.retries(), 500)
                .limits(endpoint.requestsPerMinute(), 0)
                .cacheEntries(0)
                .build();
        PriceTable prices = PriceTable.defaults();
        if (endpoint.usdPerMillionTokens() != null) {
            prices = prices.with(endpoint.model(), PriceTable.Price.perMillion(endpoint.usdPerMillionTokens(), "0"));
        }
        Budget budget = new Budget(ledger, Budget.Limits.usd(endpoint.dailyUsd(), endpoint.monthlyUsd(), null, null));
        this.gateway = new LlmGateway(settings, prices, budget, ledger, environment, Clock.systemUTC());
        this.tokenizer = ModelTokenizer.load(spec);
        try {
            this.dimensions = endpoint.dimensions() > 0
                    ? endpoint.dimensions()
                    : call("embed-probe", List.of("dimension probe"), 0).get(0).length;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the right embedder for {@code spec}: this one for an endpoint, ONNX Runtime for the others. */
    public static Embedder open(EmbeddingModelSpec spec, LedgerStore ledger, Function<String, String> environment) {
        return spec.kind() == EmbeddingModelSpec.Kind.ENDPOINT
                ? new EndpointEmbedder(spec, ledger, environment)
                : OnnxEmbedder.load(spec, 1);
    }

    /** The gateway the calls go through (its breaker state, for tests and metrics). */
    public LlmGateway gateway() {
        return gateway;
    }

    @Override
    public String modelId() {
        return spec.id();
    }

    @Override
    public String modelVersion() {
        return endpoint.version(dimensions);
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public int maxInputTokens() {
        return endpoint.maxInputTokens();
    }

    @Override
    public TokenCounter tokenCounter() {
        return tokenizer;
    }

    @Override
    public int batchSize() {
        return endpoint.batchSize();
    }

    @Override
    public float[] embedPassage(String text) {
        return embedPassages(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedPassages(List<String> texts) {
        for (String t : texts) {
            int tokens = tokenizer.count(t);
            if (tokens > endpoint.maxInputTokens()) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "passage has about %d tokens, over embedding.model.maxInputTokens (%d) of %s; chunk it with"
                                + " maxTokens <= %d",
                        tokens,
                        endpoint.maxInputTokens(),
                        spec.id(),
                        endpoint.maxInputTokens()));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += endpoint.batchSize()) {
            out.addAll(call(
                    "embed", texts.subList(from, Math.min(texts.size(), from + endpoint.batchSize())), dimensions));
        }
        return out;
    }

    @Override
    public float[] embedQuery(String query) {
        return call("embed-query", List.of(query), dimensions).get(0);
    }

    private List<float[]> call(String purpose, List<String> texts, int expect) {
        try {
            List<float[]> vectors = gateway.embed(
                    purpose, endpoint.embeddingsUri(), endpoint.model(), texts, endpoint.dimensions(), expect);
            return vectors.stream().map(OnnxEmbedder::normalize).toList();
        } catch (LlmException e) {
            throw new EmbeddingUnavailableException(
                    "embedding endpoint " + endpoint.embeddingsUri() + " (" + spec.id() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
