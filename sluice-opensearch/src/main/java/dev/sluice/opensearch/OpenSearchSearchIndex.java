package dev.sluice.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.backend.SearchIndex;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.index.IndexFields;
import dev.sluice.index.IndexSettings;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The read side of one OpenSearch generation: searches go to the concrete index the alias named when this
 * was opened ({@code <prefix>-g<N>}), never to the alias, so one embedding space answers every search of
 * it; {@link #superseded} says when the alias has moved on. {@link #refresh} sends no {@code _refresh}
 * (that would publish a writer's uncommitted documents): visibility is the writer's to change; it only
 * drops what this object cached (the attribute values documents are matched on, whether duplicates exist).
 */
final class OpenSearchSearchIndex implements SearchIndex {
    private static final long SUPERSEDED_CHECK_MILLIS = 1_000;

    private final OpenSearchBackend backend;
    private final OpenSearchHttp http;
    private final String index;
    private final IndexSettings settings;
    private volatile Cached cached;
    private volatile long checkedAt;
    private volatile boolean superseded;

    /** What searches read on each question, read once per refresh. */
    record Cached(Set<String> aliases, Set<String> years, boolean duplicates) {}

    OpenSearchSearchIndex(OpenSearchBackend backend, OpenSearchHttp http, String index, IndexSettings settings) {
        this.backend = backend;
        this.http = http;
        this.index = index;
        this.settings = settings;
    }

    OpenSearchHttp http() {
        return http;
    }

    String index() {
        return index;
    }

    @Override
    public String describe() {
        return backend.describe() + " index " + index;
    }

    @Override
    public IndexSettings settings() {
        return settings;
    }

    /** BM25's k1 and b are index settings here, fixed when the index was created. */
    @Override
    public boolean bm25Tunable() {
        return false;
    }

    @Override
    public IndexRetriever retriever(RetrievalSettings retrieval, Embedder embedder) {
        return new OpenSearchRetriever(this, retrieval, embedder);
    }

    @Override
    public Set<String> documentUris() {
        return lastPages(http, index).keySet();
    }

    @Override
    public Map<String, Integer> lastPages() {
        return lastPages(http, index);
    }

    @Override
    public int chunkCount() {
        return count(http, index);
    }

    @Override
    public boolean superseded() {
        long now = System.currentTimeMillis();
        if (!superseded && now - checkedAt > SUPERSEDED_CHECK_MILLIS) {
            try {
                superseded = !index.equals(backend.activeIndex(http));
            } catch (SluiceException e) {
                return false; // the engine briefly unreachable: keep what is open
            }
            checkedAt = now;
        }
        return superseded;
    }

    @Override
    public void refresh() {
        cached = null;
    }

    /** Attribute values and whether duplicates exist, read once until the next {@link #refresh}. */
    Cached cached() {
        Cached c = cached;
        if (c == null) {
            ObjectNode body = OpenSearchHttp.object();
            body.put("size", 0);
            ObjectNode aggs = body.putObject("aggs");
            aggs.putObject("aliases")
                    .putObject("terms")
                    .put("field", IndexFields.ATTR_ALIAS)
                    .put("size", 65_000);
            aggs.putObject("years")
                    .putObject("terms")
                    .put("field", IndexFields.ATTR_YEAR)
                    .put("size", 10_000);
            aggs.putObject("duplicates").putObject("filter").putObject("exists").put("field", IndexFields.DUPLICATE_OF);
            JsonNode answer = http.ok("POST", "/" + index + "/_search", body).path("aggregations");
            c = new Cached(
                    keys(answer.path("aliases")),
                    keys(answer.path("years")),
                    answer.path("duplicates").path("doc_count").asLong() > 0);
            cached = c;
        }
        return c;
    }

    private static Set<String> keys(JsonNode terms) {
        Set<String> out = new TreeSet<>();
        terms.path("buckets").forEach(b -> out.add(b.path("key").asText()));
        return out;
    }

    /** Chunks searches see in {@code index} now. */
    static int count(OpenSearchHttp http, String index) {
        return http.ok("GET", "/" + index + "/_count", null).path("count").asInt();
    }

    /** The last page of every document searches see in {@code index}, paging a composite aggregation. */
    static Map<String, Integer> lastPages(OpenSearchHttp http, String index) {
        Map<String, Integer> out = new HashMap<>();
        JsonNode after = null;
        do {
            ObjectNode body = OpenSearchHttp.object();
            body.put("size", 0);
            ObjectNode docsAgg = body.putObject("aggs").putObject("docs");
            ObjectNode composite = docsAgg.putObject("composite");
            composite.put("size", 5_000);
            composite
                    .putArray("sources")
                    .addObject()
                    .putObject("uri")
                    .putObject("terms")
                    .put("field", IndexFields.DOC_URI);
            if (after != null) {
                composite.set("after", after);
            }
            docsAgg.putObject("aggs").putObject("last").putObject("max").put("field", IndexFields.PAGE_END);
            JsonNode docs = http.ok("POST", "/" + index + "/_search", body)
                    .path("aggregations")
                    .path("docs");
            for (JsonNode bucket : docs.path("buckets")) {
                out.put(bucket.path("key").path("uri").asText(), (int)
                        bucket.path("last").path("value").asDouble(0));
            }
            after = docs.path("buckets").isEmpty() ? null : docs.get("after_key");
        } while (after != null);
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}
