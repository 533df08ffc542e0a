package dev.sluice.springai;

import dev.sluice.client.Filters;
import dev.sluice.client.Hit;
import dev.sluice.client.HitSource;
import dev.sluice.client.Mode;
import dev.sluice.client.SearchQuery;
import dev.sluice.client.SluiceClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;

/**
 * A Spring AI {@link DocumentRetriever} over a Sluice knowledge base: embedded (an index folder opened in
 * this process; needs {@code dev.sluice:sluice-core}) or remote ({@code sluice serve}, through {@link
 * SluiceClient}). Each {@link Document} is one chunk, best first: its id is the chunk id, its text the
 * chunk's, its {@link Document#getScore() score} Sluice's score, and its metadata the keys {@value
 * #DOCUMENT_ID}, {@value #CHUNK_ID}, {@value #SOURCE}, {@value #PATH}, {@value #TITLE}, {@value #SECTION},
 * {@value #PAGE} (paged formats only), {@value #CITATION}, {@value #RANK} and {@value #SCORE}.
 *
 * <pre>{@code
 * DocumentRetriever retriever = SluiceDocumentRetriever.builder()
 *         .url("http://127.0.0.1:7878").apiKey(System.getenv("SLUICE_API_KEY"))   // or .index(Path.of(".sluice/index"))
 *         .mode(Mode.HYBRID).k(5).build();
 * ChatClient chat = ChatClient.builder(chatModel)
 *         .defaultAdvisors(RetrievalAugmentationAdvisor.builder().documentRetriever(retriever).build())
 *         .build();
 * }</pre>
 *
 * <p>In a Spring Boot application, {@link SluiceAutoConfiguration} makes one from {@code sluice.*}
 * properties. Thread-safe. Close it when it opened what it searches (an index or a URL).
 */
public final class SluiceDocumentRetriever implements DocumentRetriever, AutoCloseable {
    public static final String DOCUMENT_ID = "document_id";
    public static final String CHUNK_ID = "chunk_id";
    public static final String SOURCE = "source";
    public static final String PATH = "path";
    public static final String TITLE = "title";
    public static final String SECTION = "section";
    public static final String PAGE = "page";
    public static final String CITATION = "citation";
    public static final String RANK = "rank";
    public static final String SCORE = "score";

    private final HitSource hits;
    private final Runnable closeOwned;
    private final Mode mode;
    private final int k;
    private final double minScore;
    private final Filters filters;

    private SluiceDocumentRetriever(HitSource hits, Runnable closeOwned, Builder b) {
        this.hits = hits;
        this.closeOwned = closeOwned;
        this.mode = b.mode;
        this.k = b.k;
        this.minScore = b.minScore;
        this.filters = b.filters;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Document> retrieve(Query query) {
        List<Document> out = new ArrayList<>();
        for (Hit hit : hits.search(new SearchQuery(query.text(), mode, k, filters, null))
                .hits()) {
            if (hit.score() >= minScore && hit.text() != null && !hit.text().isBlank()) {
                out.add(document(hit));
            }
        }
        return out;
    }

    /** The chunk as a Document: no null metadata values (Spring AI refuses them). */
    static Document document(Hit hit) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, DOCUMENT_ID, hit.documentId());
        put(m, CHUNK_ID, hit.chunkId());
        put(m, SOURCE, hit.source());
        put(m, PATH, hit.path());
        put(m, TITLE, hit.title());
        put(m, SECTION, hit.section().isEmpty() ? null : hit.section());
        put(m, CITATION, hit.citation());
        if (hit.pageStart() > 0) {
            m.put(PAGE, hit.pageStart());
        }
        m.put(RANK, hit.rank());
        m.put(SCORE, hit.score());
        return Document.builder()
                .id(hit.chunkId())
                .text(hit.text())
                .metadata(m)
                .score(hit.score())
                .build();
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    @Override
    public void close() {
        if (closeOwned != null) {
            closeOwned.run();
        }
    }

    @Override
    public String toString() {
        return "SluiceDocumentRetriever[" + hits.getClass().getSimpleName() + ", mode=" + mode.label() + ", k=" + k
                + ", minScore=" + minScore + ", filters=" + filters + "]";
    }

    /**
     * Where to search (exactly one of {@link #index}, {@link #url}, {@link #client}, {@link #hitSource}) and
     * how: {@link #mode} (default hybrid), {@link #k} (default 5), {@link #minScore} (default none), {@link
     * #filters} (default none).
     */
    public static final class Builder {
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

        private Builder() {}

        /** Embedded: the index folder {@code sluice ingest} wrote (such as {@code .sluice/index}); needs sluice-core. */
        public Builder index(Path folder) {
            this.index = folder;
            return this;
        }

        /** Embedded: the sluice.yaml whose retrieval settings apply to {@link #index} (default: Sluice's defaults). */
        public Builder config(Path sluiceYaml) {
            this.config = sluiceYaml;
            return this;
        }

        /** Remote: the service's address, such as {@code http://127.0.0.1:7878}. */
        public Builder url(String serviceUrl) {
            this.url = serviceUrl;
            return this;
        }

        /** Remote: the API key (scope {@code query}); read it from the environment, such as {@code SLUICE_API_KEY}. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** Remote, with a client of the application's; the caller closes it. */
        public Builder client(SluiceClient sluiceClient) {
            this.client = sluiceClient;
            return this;
        }

        /** Any other source of hits; the caller closes it. */
        public Builder hitSource(HitSource source) {
            this.hitSource = source;
            return this;
        }

        public Builder mode(Mode value) {
            if (value == null) {
                throw new IllegalArgumentException("mode must be bm25, dense or hybrid, got null");
            }
            this.mode = value;
            return this;
        }

        /** How many chunks each query retrieves, 1 to 1000 (default 5). */
        public Builder k(int value) {
            if (value < 1 || value > 1000) {
                throw new IllegalArgumentException("k must be from 1 to 1000, got " + value);
            }
            this.k = value;
            return this;
        }

        /** Drop chunks scoring below this; the scale is the mode's (see {@link Hit#score()}). */
        public Builder minScore(double value) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("minScore must be a number, got NaN");
            }
            this.minScore = value;
            return this;
        }

        public Builder filters(Filters value) {
            this.filters = value == null ? Filters.NONE : value;
            return this;
        }

        public SluiceDocumentRetriever build() {
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
                try {
                    Class.forName(
                            "dev.sluice.embedded.EmbeddedHits", false, SluiceDocumentRetriever.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(
                            "index (embedded mode) needs dev.sluice:sluice-embedded on the class path:"
                                    + " add it beside sluice-spring-ai, or use url for a remote service",
                            e);
                }
                dev.sluice.embedded.EmbeddedHits embedded = dev.sluice.embedded.EmbeddedHits.open(index, config);
                return new SluiceDocumentRetriever(embedded, embedded::close, this);
            }
            if (url != null) {
                SluiceClient remote =
                        SluiceClient.builder().baseUrl(url).apiKey(apiKey).build();
                return new SluiceDocumentRetriever(remote, remote::close, this);
            }
            return new SluiceDocumentRetriever(client != null ? client : hitSource, null, this);
        }
    }
}
