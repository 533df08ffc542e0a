package dev.sluice.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.index.IndexFields;
import dev.sluice.observe.Traces;
import dev.sluice.retrieve.Collapse;
import dev.sluice.retrieve.DocumentMatch;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.RrfFusion;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.Snippets;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * BM25, dense and hybrid retrieval over one OpenSearch generation, ranked as {@code LuceneRetriever} ranks:
 * BM25 is a bool of SHOULD term queries on the terms {@link Snippets#analyze} gives in the index's language;
 * dense is a {@code knn} query for {@code max(k, denseCandidates)} neighbours with the filter inside it,
 * reporting the cosine; hybrid fuses the two lists (plus two more restricted to the documents a question
 * names) in Java with the same {@link RrfFusion} and weights, so figures compare across backends. Filters,
 * access tokens included, are {@code filter} clauses of every query, never applied after top-k.
 *
 * <p>Differences: BM25's k1 and b are index settings in OpenSearch, so only the defaults (1.2, 0.75) are
 * searched; the lists of a hybrid search are two requests, not one point-in-time view, which the writer's
 * explicit refreshes make the same view unless a commit lands between them.
 */
final class OpenSearchRetriever implements IndexRetriever {
    private static final int SNIPPET_CHARS = 240;
    private static final int MAX_QUERY_TERMS = 512;
    private static final int TRACED_CANDIDATES = 10;

    private final OpenSearchSearchIndex index;
    private final RetrievalSettings settings;
    private final Embedder embedder;
    private final RrfFusion fusion;

    OpenSearchRetriever(OpenSearchSearchIndex index, RetrievalSettings settings, Embedder embedder) {
        this.index = index;
        this.settings = settings;
        this.embedder = embedder;
        this.fusion = new RrfFusion(settings.rrfK());
        if (!settings.defaultBm25()) {
            throw new SluiceException("retrieval.bm25.k1 and b are fixed when an OpenSearch index is created; "
                    + "index.backend: opensearch searches with k1 1.2 and b 0.75, got " + settings.bm25K1() + " and "
                    + settings.bm25B() + ". Remove retrieval.bm25 from sluice.yaml");
        }
        IndexRetriever.requireModel(index.settings(), embedder, index.describe());
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        return search(request, IndexRetriever.queryVector(request, embedder));
    }

    /** One ranked chunk: its id, score and the stored fields OpenSearch returned. */
    private record Scored(String id, float score, JsonNode source) {}

    @Override
    public List<SearchHit> search(SearchRequest request, float[] queryVector) {
        if (request.mode() != SearchMode.BM25 && queryVector == null) {
            throw new IllegalArgumentException(request.mode().label() + " search needs a query vector");
        }
        Set<String> terms = Snippets.analyze(request.query(), index.settings().language());
        List<JsonNode> filter = filters(request.filters());
        int wanted = request.k();
        boolean collapse = index.cached().duplicates();
        int k = collapse ? Math.min(1000, wanted * 2 + 10) : wanted;
        List<Scored> ranked = switch (request.mode()) {
            case BM25 -> traced("retrieve.bm25", () -> bm25(terms, filter, k));
            case DENSE ->
                traced("retrieve.dense", () -> dense(queryVector, filter, k, Math.max(k, settings.denseCandidates())));
            case HYBRID -> hybrid(request.query(), k, queryVector, terms, filter);
        };
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        for (int i = 0; i < ranked.size(); i++) {
            hits.add(hit(i + 1, ranked.get(i), terms));
        }
        return collapse
                ? Collapse.families(hits, i -> text(ranked.get(i).source(), IndexFields.DUPLICATE_OF), wanted)
                : hits;
    }

    private List<Scored> hybrid(String question, int k, float[] vector, Set<String> terms, List<JsonNode> filter) {
        int depth = Math.max(k, settings.fusionDepth());
        int candidates = Math.max(depth, settings.denseCandidates());
        List<List<Scored>> lists = new ArrayList<>();
        lists.add(traced("retrieve.bm25", () -> bm25(terms, filter, depth)));
        lists.add(traced("retrieve.dense", () -> dense(vector, filter, depth, candidates)));
        double[] weights = {settings.bm25Weight(), settings.denseWeight()};
        DocumentMatch match = settings.documentMatch() ? match(question) : DocumentMatch.NONE;
        if (match.matched()) {
            Span.current().setAttribute("retrieve.match", match.describe());
            List<JsonNode> named = new ArrayList<>(filter);
            named.addAll(matchFilter(match));
            lists.add(bm25(terms, named, depth));
            lists.add(dense(vector, named, depth, candidates));
            weights = new double[] {
                settings.bm25Weight(), settings.denseWeight(), settings.bm25Weight(), settings.denseWeight()
            };
        }
        Map<String, JsonNode> sources = new HashMap<>();
        List<List<String>> ids = new ArrayList<>();
        for (List<Scored> list : lists) {
            ids.add(list.stream().map(Scored::id).toList());
            list.forEach(s -> sources.putIfAbsent(s.id(), s.source()));
        }
        double[] fusionWeights = weights;
        return traced("retrieve.fusion", () -> {
            List<Scored> fused = new ArrayList<>();
            for (RrfFusion.Fused<String> f : fusion.fuse(k, fusionWeights, ids)) {
                fused.add(new Scored(f.key(), (float) f.score(), sources.get(f.key())));
            }
            return fused;
        });
    }

    private List<Scored> bm25(Set<String> terms, List<JsonNode> filter, int n) {
        if (terms.isEmpty()) {
            return List.of(); // only stop words or punctuation: nothing lexical to match
        }
        ObjectNode any = OpenSearchHttp.object();
        ArrayNode should = any.putObject("bool").putArray("should");
        for (String term : terms.stream().limit(MAX_QUERY_TERMS).toList()) {
            should.addObject().putObject("term").put(IndexFields.BODY, term);
        }
        ObjectNode body = request(n);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("must").add(any);
        bool.putArray("filter").addAll(filter);
        return scored(search(body), false);
    }

    private List<Scored> dense(float[] vector, List<JsonNode> filter, int k, int candidates) {
        ObjectNode body = request(candidates);
        ObjectNode knn = body.putObject("query").putObject("knn").putObject(IndexFields.VECTOR);
        ArrayNode values = knn.putArray("vector");
        for (float v : vector) {
            values.add(v);
        }
        knn.put("k", candidates);
        if (!filter.isEmpty()) {
            knn.putObject("filter").putObject("bool").putArray("filter").addAll(filter);
        }
        List<Scored> all = scored(search(body), true);
        return all.size() > k ? List.copyOf(all.subList(0, k)) : all;
    }

    /** A search for {@code size} hits with every stored field but the vector. */
    private static ObjectNode request(int size) {
        ObjectNode body = OpenSearchHttp.object();
        body.put("size", size);
        body.put("track_total_hits", false);
        body.putObject("_source").putArray("excludes").add(IndexFields.VECTOR);
        return body;
    }

    private JsonNode search(ObjectNode body) {
        OpenSearchHttp.Answer answer = index.http().call("POST", "/" + index.index() + "/_search", body);
        if (answer.status() == 404) {
            throw new SluiceException("the index generation " + index.index() + " was replaced by a newer one while"
                    + " searching; search again");
        }
        if (!answer.ok()) {
            throw index.http().refused("a search of " + index.index(), answer);
        }
        return answer.body();
    }

    /**
     * The hits of an answer; a knn score is turned back into the cosine: OpenSearch scores inner product
     * {@code p} as {@code 1 + p} when {@code p >= 0} and {@code 1 / (1 - p)} below.
     */
    private static List<Scored> scored(JsonNode answer, boolean cosine) {
        List<Scored> out = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            float score = (float) hit.path("_score").asDouble();
            if (cosine) {
                score = score >= 1 ? score - 1 : 1 - 1 / score;
            }
            out.add(new Scored(hit.path("_id").asText(), score, hit.path("_source")));
        }
        return out;
    }

    /** The filter clauses of {@code filters}, in OpenSearch's query language. */
    static List<JsonNode> filters(SearchFilters filters) {
        List<JsonNode> out = new ArrayList<>();
        for (SearchFilters.Clause clause : filters.clauses()) {
            ObjectNode node = OpenSearchHttp.object();
            if (clause.regexp()) {
                node.putObject("regexp")
                        .putObject(clause.field())
                        .put("value", clause.values().getFirst())
                        .put("flags", "ALL");
            } else {
                ArrayNode values = node.putObject("terms").putArray(clause.field());
                clause.values().forEach(values::add);
            }
            out.add(node);
        }
        return out;
    }

    /** The clauses that restrict a list to the documents {@code match} names. */
    private static List<JsonNode> matchFilter(DocumentMatch match) {
        List<JsonNode> out = new ArrayList<>();
        if (!match.aliases().isEmpty()) {
            ArrayNode values = OpenSearchHttp.object().putArray("x");
            match.aliases().forEach(values::add);
            ObjectNode terms = OpenSearchHttp.object();
            terms.putObject("terms").set(IndexFields.ATTR_ALIAS, values);
            out.add(terms);
        }
        if (match.year() > 0) {
            ObjectNode term = OpenSearchHttp.object();
            term.putObject("term").put(IndexFields.ATTR_YEAR, Integer.toString(match.year()));
            out.add(term);
        }
        return out;
    }

    @Override
    public DocumentMatch match(String question) {
        if (!settings.documentMatch()) {
            return DocumentMatch.NONE;
        }
        OpenSearchSearchIndex.Cached known = index.cached();
        return DocumentMatch.of(known.aliases(), known.years(), question, both -> {
            ObjectNode body = OpenSearchHttp.object();
            body.putObject("query").putObject("bool").putArray("filter").addAll(matchFilter(both));
            return index.http()
                            .ok("POST", "/" + index.index() + "/_count", body)
                            .path("count")
                            .asLong()
                    > 0;
        });
    }

    @Override
    public List<SearchHit> neighbours(SearchHit hit) {
        ObjectNode body = request(2);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put(IndexFields.DOC_URI, hit.documentUri());
        filter.addObject()
                .putObject("terms")
                .putArray(IndexFields.ORDINAL)
                .add(hit.ordinal() - 1)
                .add(hit.ordinal() + 1);
        body.putArray("sort").addObject().put(IndexFields.ORDINAL, "asc");
        return inOrder(body);
    }

    @Override
    public List<SearchHit> chunksOf(String documentUri) {
        ObjectNode body = request(OpenSearchMapping.MAX_RESULT_WINDOW);
        body.putObject("query").putObject("term").put(IndexFields.DOC_URI, documentUri);
        body.putArray("sort").addObject().put(IndexFields.ORDINAL, "asc");
        return inOrder(body);
    }

    /** The hits of a sorted search, score 0, no snippet terms. */
    private List<SearchHit> inOrder(ObjectNode body) {
        List<SearchHit> out = new ArrayList<>();
        int rank = 1;
        for (JsonNode hit : search(body).path("hits").path("hits")) {
            out.add(hit(rank++, new Scored(hit.path("_id").asText(), 0f, hit.path("_source")), Set.of()));
        }
        return out;
    }

    private SearchHit hit(int rank, Scored scored, Set<String> queryTerms) {
        JsonNode d = scored.source();
        String headingPath = text(d, IndexFields.HEADING_PATH);
        String text = text(d, IndexFields.TEXT);
        return new SearchHit(
                rank,
                scored.score(),
                text(d, IndexFields.CHUNK_ID),
                text(d, IndexFields.DOC_URI),
                text(d, IndexFields.SOURCE),
                text(d, IndexFields.PATH),
                text(d, IndexFields.TYPE),
                text(d, IndexFields.TITLE),
                headingPath == null || headingPath.isEmpty()
                        ? List.of()
                        : Arrays.asList(headingPath.split(Pattern.quote(IndexFields.HEADING_SEPARATOR))),
                d.path(IndexFields.PAGE_START).asInt(),
                d.path(IndexFields.PAGE_END).asInt(),
                d.path(IndexFields.ORDINAL).asInt(),
                d.path(IndexFields.START).asInt(),
                d.path(IndexFields.END).asInt(),
                text(d, IndexFields.CHUNKER_VERSION),
                text(d, IndexFields.MODEL_ID),
                text(d, IndexFields.MODEL_VERSION),
                text,
                Snippets.make(
                        text == null ? "" : text,
                        queryTerms,
                        SNIPPET_CHARS,
                        index.settings().language()));
    }

    private static String text(JsonNode source, String field) {
        JsonNode value = source == null ? null : source.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Runs one step in a span of its own with its candidate count and best candidates. */
    private static List<Scored> traced(String name, Supplier<List<Scored>> step) {
        Span span = Traces.child(name);
        try {
            List<Scored> ranked = step.get();
            span.setAttribute("sluice.candidates", ranked.size());
            if (span.isRecording()) {
                List<Scored> best = ranked.subList(0, Math.min(TRACED_CANDIDATES, ranked.size()));
                Traces.strings(
                        span,
                        "sluice.candidates.chunk_ids",
                        best.stream().map(Scored::id).toList(),
                        TRACED_CANDIDATES);
                Traces.doubles(
                        span,
                        "sluice.candidates.scores",
                        best.stream().map(s -> (double) s.score()).toList(),
                        TRACED_CANDIDATES);
            }
            return ranked;
        } catch (RuntimeException e) {
            Traces.fail(span, e);
            throw e;
        } finally {
            span.end();
        }
    }
}
