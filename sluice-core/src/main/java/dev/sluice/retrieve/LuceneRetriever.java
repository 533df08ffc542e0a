package dev.sluice.retrieve;

import dev.sluice.embed.Embedder;
import dev.sluice.index.IndexFields;
import dev.sluice.index.LuceneIndex;
import dev.sluice.observe.Traces;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;

/**
 * BM25, dense and hybrid retrieval over a {@link LuceneIndex}. All three rank within one
 * point-in-time searcher, so a hybrid result never mixes two versions of the index.
 *
 * <p>Dense search asks HNSW for {@code max(k, denseCandidates)} neighbours and keeps the best
 * {@code k}: a wider beam costs little and lifts recall. Hybrid fuses the top
 * {@code max(k, fusionDepth)} of each list with {@link RrfFusion}.
 */
public final class LuceneRetriever implements IndexRetriever {
    /** Neighbours HNSW collects before the top k are kept; measured in docs/benchmarks.md. */
    public static final int DEFAULT_DENSE_CANDIDATES = 100;
    /** How deep each list goes into the fusion. */
    public static final int DEFAULT_FUSION_DEPTH = 100;

    private static final int SNIPPET_CHARS = 240;
    private static final int MAX_QUERY_TERMS = 512;

    private final LuceneIndex index;
    private final Embedder embedder;
    private final int denseCandidates;
    private final int fusionDepth;
    private final RrfFusion fusion;
    private final RetrievalSettings settings;
    private final BM25Similarity bm25;

    /** {@code embedder} must be the model the index was built with; null allows BM25 only. */
    public LuceneRetriever(LuceneIndex index, Embedder embedder) {
        this(index, embedder, RetrievalSettings.DEFAULTS);
    }

    public LuceneRetriever(LuceneIndex index, Embedder embedder, int denseCandidates, int fusionDepth) {
        this(
                index,
                embedder,
                RetrievalSettings.DEFAULTS
                        .withFusion(fusionDepth, RrfFusion.DEFAULT_RANK_CONSTANT, 1, 1)
                        .withDenseCandidates(denseCandidates));
    }

    /** Retrievers over {@code index} with any ranking settings (for evaluation and tuning). */
    public static RetrieverFactory over(LuceneIndex index) {
        return (settings, embedder) -> new LuceneRetriever(index, embedder, settings);
    }

    public LuceneRetriever(LuceneIndex index, Embedder embedder, RetrievalSettings settings) {
        this.index = index;
        this.embedder = embedder;
        this.settings = settings;
        this.denseCandidates = settings.denseCandidates();
        this.fusionDepth = settings.fusionDepth();
        this.fusion = new RrfFusion(settings.rrfK());
        this.bm25 = settings.defaultBm25() ? null : new BM25Similarity(settings.bm25K1(), settings.bm25B());
        IndexRetriever.requireModel(index.settings(), embedder, index.path().toString());
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        return search(request, IndexRetriever.queryVector(request, embedder));
    }

    /**
     * Searches with a query vector computed elsewhere (for benchmarks and callers that embed in
     * batches); {@code queryVector} may be null for BM25.
     */
    @Override
    public List<SearchHit> search(SearchRequest request, float[] queryVector) {
        if (request.mode() != SearchMode.BM25 && queryVector == null) {
            throw new IllegalArgumentException(request.mode().label() + " search needs a query vector");
        }
        Set<String> queryTerms =
                Snippets.analyze(request.query(), index.settings().language());
        Query filter = request.filters().toQuery();
        IndexSearcher shared = index.acquire();
        int wanted = request.k();
        try {
            // Near-duplicates collapse into the first of their family that ranks: look deeper so k remain.
            boolean collapse = shared.getIndexReader().getDocCount(IndexFields.DUPLICATE_OF) > 0;
            if (collapse) {
                request = new SearchRequest(
                        request.query(), request.mode(), Math.min(1000, wanted * 2 + 10), request.filters());
            }
            SearchRequest asked = request;
            // The shared searcher keeps Lucene's default BM25; other parameters get a searcher of their own.
            IndexSearcher searcher = bm25 == null ? shared : withBm25(shared);
            List<Pending> pending = new ArrayList<>();
            try {
                List<Scored> ranked = switch (asked.mode()) {
                    case BM25 ->
                        traced("retrieve.bm25", searcher, null, () -> bm25(searcher, queryTerms, filter, asked.k()));
                    case DENSE ->
                        traced(
                                "retrieve.dense",
                                searcher,
                                null,
                                () -> dense(
                                        searcher,
                                        queryVector,
                                        filter,
                                        asked.k(),
                                        Math.max(asked.k(), denseCandidates)));
                    case HYBRID -> hybrid(searcher, asked, queryVector, queryTerms, filter, pending);
                };
                List<SearchHit> hits = load(searcher, ranked, queryTerms);
                nameCandidates(pending, ranked, hits, searcher);
                return collapse
                        ? Collapse.families(
                                searcher,
                                ranked.stream().mapToInt(Scored::docId).toArray(),
                                hits,
                                wanted)
                        : hits;
            } catch (IOException | RuntimeException e) {
                pending.forEach(p -> p.span().end(p.ended())); // a failed search still ends its steps' spans
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed on index " + index.path(), e);
        } finally {
            index.release(shared);
        }
    }

    /**
     * The chunks right before and after {@code hit} in its document (ordinal - 1 and + 1), those that
     * exist, in document order, with score 0: for widening an answer's context.
     */
    @Override
    public List<SearchHit> neighbours(SearchHit hit) {
        IndexSearcher searcher = index.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.DOC_URI, hit.documentUri())), 10_000);
            StoredFields stored = searcher.storedFields();
            List<Scored> around = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                int ordinal = stored.document(sd.doc)
                        .getField(IndexFields.ORDINAL)
                        .numericValue()
                        .intValue();
                if (Math.abs(ordinal - hit.ordinal()) == 1) {
                    around.add(new Scored(sd.doc, 0f));
                }
            }
            List<SearchHit> hits = load(searcher, around, Set.of());
            return hits.stream()
                    .sorted(java.util.Comparator.comparingInt(SearchHit::ordinal))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the neighbours of " + hit.chunkId() + " in " + index.path(), e);
        } finally {
            index.release(searcher);
        }
    }

    /**
     * Every chunk of one document, in document order, with score 0 and no snippet: for reading a
     * document back (the MCP {@code get_document} tool). No access filter: the caller checks the
     * document's access list in the catalog first.
     */
    @Override
    public List<SearchHit> chunksOf(String documentUri) {
        IndexSearcher searcher = index.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.DOC_URI, documentUri)), 100_000);
            List<Scored> all = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                all.add(new Scored(sd.doc, 0f));
            }
            return load(searcher, all, Set.of()).stream()
                    .sorted(java.util.Comparator.comparingInt(SearchHit::ordinal))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chunks of " + documentUri + " in " + index.path(), e);
        } finally {
            index.release(searcher);
        }
    }

    private record Scored(int docId, float score) {}

    private List<Scored> bm25(IndexSearcher searcher, Set<String> terms, Query filter, int n) throws IOException {
        if (terms.isEmpty()) {
            return List.of(); // only stop words or punctuation: nothing lexical to match
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        // A pasted document as a query can have thousands of distinct terms; Lucene allows 1024
        // clauses per query, and the first few hundred terms carry the meaning anyway.
        for (String term : terms.stream().limit(MAX_QUERY_TERMS).toList()) {
            any.add(new TermQuery(new Term(IndexFields.BODY, term)), BooleanClause.Occur.SHOULD);
        }
        query.add(any.build(), BooleanClause.Occur.MUST);
        if (filter != null) {
            query.add(filter, BooleanClause.Occur.FILTER);
        }
        return scored(searcher.search(query.build(), n));
    }

    private List<Scored> dense(IndexSearcher searcher, float[] vector, Query filter, int k, int candidates)
            throws IOException {
        TopDocs top =
                searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, vector, candidates, filter), candidates);
        List<Scored> all = scored(top);
        // DOT_PRODUCT scores are (1 + cosine) / 2; report the cosine, which users know.
        List<Scored> best = new ArrayList<>(Math.min(k, all.size()));
        for (int i = 0; i < Math.min(k, all.size()); i++) {
            best.add(new Scored(all.get(i).docId(), all.get(i).score() * 2 - 1));
        }
        return best;
    }

    private List<Scored> hybrid(
            IndexSearcher searcher,
            SearchRequest request,
            float[] vector,
            Set<String> terms,
            Query filter,
            List<Pending> pending)
            throws IOException {
        int depth = Math.max(request.k(), fusionDepth);
        List<Integer> lexical =
                traced("retrieve.bm25", searcher, pending, () -> bm25(searcher, terms, filter, depth)).stream()
                        .map(Scored::docId)
                        .toList();
        List<Integer> semantic = traced(
                        "retrieve.dense",
                        searcher,
                        pending,
                        () -> dense(searcher, vector, filter, depth, Math.max(depth, denseCandidates)))
                .stream()
                .map(Scored::docId)
                .toList();
        DocumentMatch match = settings.documentMatch() ? matchDocuments(searcher, request.query()) : DocumentMatch.NONE;
        List<List<Integer>> lists = new ArrayList<>(List.of(lexical, semantic));
        double[] weights = {settings.bm25Weight(), settings.denseWeight()};
        if (match.matched()) {
            Query named = filter == null
                    ? match.query()
                    : new BooleanQuery.Builder()
                            .add(filter, BooleanClause.Occur.FILTER)
                            .add(match.query(), BooleanClause.Occur.FILTER)
                            .build();
            lists.add(bm25(searcher, terms, named, depth).stream()
                    .map(Scored::docId)
                    .toList());
            lists.add(dense(searcher, vector, named, depth, Math.max(depth, denseCandidates)).stream()
                    .map(Scored::docId)
                    .toList());
            weights = new double[] {
                settings.bm25Weight(), settings.denseWeight(), settings.bm25Weight(), settings.denseWeight()
            };
        }
        double[] fusionWeights = weights;
        return traced("retrieve.fusion", searcher, null, () -> {
            List<Scored> fused = new ArrayList<>();
            for (RrfFusion.Fused<Integer> f : fusion.fuse(request.k(), fusionWeights, lists)) {
                fused.add(new Scored(f.key(), (float) f.score()));
            }
            return fused;
        });
    }

    /** The documents a question names, recorded on the current span ({@code retrieve.match}). */
    private static DocumentMatch matchDocuments(IndexSearcher searcher, String question) throws IOException {
        DocumentMatch match = DocumentMatch.of(searcher, question);
        if (match.matched()) {
            Span.current().setAttribute("retrieve.match", match.describe());
        }
        return match;
    }

    /** What {@code question} names of the indexed documents (issuer, year), as hybrid search boosts it. */
    @Override
    public DocumentMatch match(String question) {
        IndexSearcher searcher = index.acquire();
        try {
            return settings.documentMatch() ? DocumentMatch.of(searcher, question) : DocumentMatch.NONE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot match the question against " + index.path(), e);
        } finally {
            index.release(searcher);
        }
    }

    private IndexSearcher withBm25(IndexSearcher shared) {
        IndexSearcher own = new IndexSearcher(shared.getIndexReader());
        own.setSimilarity(bm25);
        return own;
    }

    /** How many of a step's ranked candidates a trace names (chunk ids and scores). */
    private static final int TRACED_CANDIDATES = 10;

    @FunctionalInterface
    private interface Step {
        List<Scored> run() throws IOException;
    }

    /**
     * A step's span left open until the hits are loaded: its candidates are then named mostly from
     * the hits' own chunk ids (the best candidates of bm25 and dense are mostly among the fused hits),
     * reading stored fields only for the rest; the span still ends when the step did.
     */
    private record Pending(Span span, List<Scored> ranked, Instant ended) {}

    /**
     * Runs one retrieval step in a span of its own with its candidate count. A step whose candidates
     * are not the final hits (bm25 and dense inside hybrid: {@code pending} given) is named later, by
     * {@link #nameCandidates}, when the span records.
     */
    private List<Scored> traced(String name, IndexSearcher searcher, List<Pending> pending, Step step)
            throws IOException {
        Span span = Traces.child(name);
        boolean ended = false;
        try {
            List<Scored> ranked = step.run();
            span.setAttribute("sluice.candidates", ranked.size());
            if (pending != null && span.isRecording()) {
                pending.add(new Pending(span, ranked, Instant.now()));
                ended = true; // by nameCandidates
            }
            return ranked;
        } catch (IOException | RuntimeException e) {
            Traces.fail(span, e);
            throw e;
        } finally {
            if (!ended) {
                span.end();
            }
        }
    }

    /** Names the best candidates (chunk ids, scores, ranks by position) of the pending steps and ends them. */
    private static void nameCandidates(
            List<Pending> pending, List<Scored> ranked, List<SearchHit> hits, IndexSearcher searcher) {
        if (pending.isEmpty()) {
            return;
        }
        java.util.Map<Integer, String> known = new java.util.HashMap<>();
        for (int i = 0; i < Math.min(ranked.size(), hits.size()); i++) {
            known.put(ranked.get(i).docId(), hits.get(i).chunkId());
        }
        for (Pending p : pending) {
            try {
                StoredFields stored = searcher.storedFields();
                List<String> ids = new ArrayList<>();
                List<Double> scores = new ArrayList<>();
                for (Scored s : p.ranked()
                        .subList(0, Math.min(TRACED_CANDIDATES, p.ranked().size()))) {
                    String id = known.get(s.docId());
                    ids.add(
                            id != null
                                    ? id
                                    : stored.document(s.docId(), Set.of(IndexFields.CHUNK_ID))
                                            .get(IndexFields.CHUNK_ID));
                    scores.add((double) s.score());
                }
                Traces.strings(p.span(), "sluice.candidates.chunk_ids", ids, TRACED_CANDIDATES);
                Traces.doubles(p.span(), "sluice.candidates.scores", scores, TRACED_CANDIDATES);
            } catch (IOException | RuntimeException e) {
                p.span().setAttribute("sluice.candidates.unnamed", String.valueOf(e.getMessage()));
            } finally {
                p.span().end(p.ended());
            }
        }
    }

    private static List<Scored> scored(TopDocs top) {
        List<Scored> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(new Scored(sd.doc, sd.score));
        }
        return out;
    }

    private List<SearchHit> load(IndexSearcher searcher, List<Scored> ranked, Set<String> queryTerms)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        int rank = 1;
        for (Scored s : ranked) {
            Document d = stored.document(s.docId());
            String headingPath = d.get(IndexFields.HEADING_PATH);
            String text = d.get(IndexFields.TEXT);
            hits.add(new SearchHit(
                    rank++,
                    s.score(),
                    d.get(IndexFields.CHUNK_ID),
                    d.get(IndexFields.DOC_URI),
                    d.get(IndexFields.SOURCE),
                    d.get(IndexFields.PATH),
                    d.get(IndexFields.TYPE),
                    d.get(IndexFields.TITLE),
                    headingPath == null || headingPath.isEmpty()
                            ? List.of()
                            : Arrays.asList(
                                    headingPath.split(java.util.regex.Pattern.quote(IndexFields.HEADING_SEPARATOR))),
                    d.getField(IndexFields.PAGE_START).numericValue().intValue(),
                    d.getField(IndexFields.PAGE_END).numericValue().intValue(),
                    d.getField(IndexFields.ORDINAL).numericValue().intValue(),
                    d.getField(IndexFields.START).numericValue().intValue(),
                    d.getField(IndexFields.END).numericValue().intValue(),
                    d.get(IndexFields.CHUNKER_VERSION),
                    d.get(IndexFields.MODEL_ID),
                    d.get(IndexFields.MODEL_VERSION),
                    text,
                    Snippets.make(
                            text, queryTerms, SNIPPET_CHARS, index.settings().language())));
        }
        return hits;
    }
}
