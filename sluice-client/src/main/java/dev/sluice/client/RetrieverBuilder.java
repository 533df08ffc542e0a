package dev.sluice.client;

import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * What the framework adapters' builders share (sluice-langchain4j's {@code SluiceContentRetriever}, sluice
 * spring-ai's {@code SluiceDocumentRetriever}): where to search, exactly one of {@link #index} (embedded),
 * {@link #url} (remote), {@link #client} or {@link #hitSource}, and how: {@link #mode} (default hybrid),
 * {@link #k} (default 5), {@link #minScore} (default none), {@link #filters} (default none). Each
 * setting is checked as it is given; {@link #settled} checks them together and opens the source.
 *
 * @param <B> the adapter's own builder, so every setter chains to it
 */
public abstract class RetrieverBuilder<B extends RetrieverBuilder<B>> {
    private Path index;
    private Path config;
    private String url;
    private String apiKey;
    private SluiceClient client;
    private HitSource hitSource;
    private Mode mode = Mode.HYBRID;
    private int k = SearchQuery.DEFAULT_K;
    private double minScore = Double.NEGATIVE_INFINITY;
    private Filters filters = Filters.NONE;

    protected RetrieverBuilder() {}

    /** This builder as the adapter's type. */
    protected abstract B self();

    /** The adapter's artifact, for the message when embedded mode lacks sluice-embedded. */
    protected abstract String artifact();

    /**
     * Embedded: the index folder {@code sluice ingest} wrote (such as {@code .sluice/index}); needs
     * {@code dev.sluice:sluice-embedded} on the class path.
     */
    public B index(Path folder) {
        this.index = folder;
        return self();
    }

    /** Embedded: the sluice.yaml whose retrieval settings apply to {@link #index} (default: Sluice's defaults). */
    public B config(Path sluiceYaml) {
        this.config = sluiceYaml;
        return self();
    }

    /** Remote: the service's address, such as {@code http://127.0.0.1:7878}. */
    public B url(String serviceUrl) {
        this.url = serviceUrl;
        return self();
    }

    /** Remote: the API key (scope {@code query}); read it from the environment, such as {@code SLUICE_API_KEY}. */
    public B apiKey(String key) {
        this.apiKey = key;
        return self();
    }

    /** Remote, with a client of the application's; the caller closes it. */
    public B client(SluiceClient sluiceClient) {
        this.client = sluiceClient;
        return self();
    }

    /** Any other source of hits; the caller closes it. */
    public B hitSource(HitSource source) {
        this.hitSource = source;
        return self();
    }

    public B mode(Mode value) {
        if (value == null) {
            throw new IllegalArgumentException("mode must be bm25, dense or hybrid, got null");
        }
        this.mode = value;
        return self();
    }

    /** How many chunks each query retrieves, 1 to 1000 (default 5). */
    public B k(int value) {
        if (value < 1 || value > 1000) {
            throw new IllegalArgumentException("k must be from 1 to 1000, got " + value);
        }
        this.k = value;
        return self();
    }

    /** Drop chunks scoring below this; the scale is the mode's (see {@link Hit#score()}). */
    public B minScore(double value) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("minScore must be a number, got NaN");
        }
        this.minScore = value;
        return self();
    }

    public B filters(Filters value) {
        this.filters = value == null ? Filters.NONE : value;
        return self();
    }

    /**
     * The settings checked together, and the source opened: a knowledge base for {@link #index}, a client
     * for {@link #url} (both closed by {@link Settled#close()}), or the caller's own client or source
     * (left open).
     */
    protected final Settled settled() {
        int given = (index != null ? 1 : 0)
                + (url != null ? 1 : 0)
                + (client != null ? 1 : 0)
                + (hitSource != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalStateException("give exactly one of index(Path) (embedded), url(String) (remote), "
                    + "client(SluiceClient) or hitSource(HitSource); got " + given);
        }
        if (apiKey != null && url == null) {
            throw new IllegalStateException("apiKey goes with url(String); a client(...) carries its own key");
        }
        if (config != null && index == null) {
            throw new IllegalStateException("config(Path) goes with index(Path) (embedded mode)");
        }
        if (index != null) {
            LocalHitSource local = opener().open(index, config);
            return new Settled(local, local::close, mode, k, minScore, filters);
        }
        if (url != null) {
            SluiceClient remote =
                    SluiceClient.builder().baseUrl(url).apiKey(apiKey).build();
            return new Settled(remote, remote::close, mode, k, minScore, filters);
        }
        return new Settled(client != null ? client : hitSource, null, mode, k, minScore, filters);
    }

    private LocalHitSource.Opener opener() {
        return ServiceLoader.load(LocalHitSource.Opener.class, getClass().getClassLoader())
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("index(Path) (embedded mode) needs dev.sluice:sluice-embedded"
                                + " on the class path: add it beside " + artifact()
                                + ", or use url(String) for a remote service"));
    }

    /**
     * What a retriever runs on: its source of hits, what closes the part the builder opened (null when the
     * caller owns the source), and the query settings.
     */
    public record Settled(HitSource hits, Runnable closeOwned, Mode mode, int k, double minScore, Filters filters) {
        /** Closes what the builder opened; the caller's own client or source stays open. */
        public void close() {
            if (closeOwned != null) {
                closeOwned.run();
            }
        }

        /** The search for one query text. */
        public SearchQuery query(String text) {
            return new SearchQuery(text, mode, k, filters, null);
        }

        /** The hits of one query text an adapter hands on: best first, at least minScore, with text. */
        public java.util.List<Hit> retrieve(String text) {
            return hits.search(query(text)).hits().stream()
                    .filter(h -> h.score() >= minScore
                            && h.text() != null
                            && !h.text().isBlank())
                    .toList();
        }

        /** The source and settings, for an adapter's {@code toString}. */
        public String describe() {
            return hits.getClass().getSimpleName() + ", mode=" + mode.label() + ", k=" + k + ", minScore=" + minScore
                    + ", filters=" + filters;
        }
    }
}
