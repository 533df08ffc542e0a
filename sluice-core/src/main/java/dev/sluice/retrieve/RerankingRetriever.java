package dev.sluice.retrieve;

import dev.sluice.observe.Traces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A first-stage {@link Retriever} followed by a {@link Reranker}: it fetches {@code max(k, candidates)}
 * hits, has the best {@code candidates} reordered, keeps any further hits after them in their
 * first-stage order, and cuts at {@code k}. Traced as a {@code retrieve.rerank} span (the reranker, the
 * candidates, how many moved, whether the order came from a cache, the fallback reason) under which
 * the reranker's own calls (an {@code llm.call}) appear.
 *
 * <p>A search never fails because of its reranker: one that throws, or returns other hits than it was
 * given, is treated as a fallback and the first stage's order is kept, with the reason in the span and
 * in {@link Reranking#fallbackReason()}. Thread-safe when both stages are.
 */
public final class RerankingRetriever implements Retriever {
    private final Retriever first;
    private final Reranker reranker;
    private final int candidates;

    /**
     * @param first the first stage (BM25, dense or hybrid search)
     * @param candidates how many of the first stage's best hits the reranker sees, at least 2
     */
    public RerankingRetriever(Retriever first, Reranker reranker, int candidates) {
        this.first = Objects.requireNonNull(first, "first");
        this.reranker = Objects.requireNonNull(reranker, "reranker");
        this.candidates = dev.sluice.core.Checks.inRange("candidates", candidates, 2, 1000);
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        return rerank(request).hits();
    }

    /** The search's hits after reranking, with what the reranker did. */
    public Reranking rerank(SearchRequest request) {
        int depth = Math.max(request.k(), candidates);
        List<SearchHit> found = first.search(
                depth == request.k()
                        ? request
                        : new SearchRequest(request.query(), request.mode(), depth, request.filters()));
        List<SearchHit> top = found.subList(0, Math.min(candidates, found.size()));
        List<SearchHit> rest = found.subList(top.size(), found.size());
        Span span = Traces.child("retrieve.rerank");
        Scope scope = span.makeCurrent(); // the reranker's model call is a child of this span
        try {
            Reranking r = top.isEmpty()
                    ? Reranking.fallback(reranker.describe(), top, 1, "no candidates")
                    : guarded(request.query(), top, Math.min(request.k(), top.size()));
            List<SearchHit> hits = new ArrayList<>(r.hits());
            if (hits.size() == top.size()) {
                hits.addAll(rest.subList(0, Math.min(rest.size(), request.k() - hits.size())));
            }
            Reranking out = new Reranking(
                    Reranking.ranked(hits), r.reranker(), r.candidates(), r.moved(), r.cached(), r.fallbackReason());
            span.setAttribute("sluice.rerank.reranker", out.reranker());
            span.setAttribute("sluice.rerank.candidates", out.candidates());
            span.setAttribute("sluice.rerank.moved", out.moved());
            span.setAttribute("sluice.rerank.cached", out.cached());
            span.setAttribute("sluice.rerank.reordered", out.reordered());
            if (!out.reordered()) {
                span.setAttribute("sluice.rerank.fallback_reason", out.fallbackReason());
            }
            Traces.strings(
                    span,
                    "sluice.rerank.chunk_ids",
                    out.hits().stream().map(SearchHit::chunkId).toList(),
                    50);
            return out;
        } finally {
            scope.close();
            span.end();
        }
    }

    /** The reranker's result, or the original order when it threw or broke its contract. */
    private Reranking guarded(String question, List<SearchHit> top, int k) {
        Reranking r;
        try {
            r = reranker.rerank(question, top, k);
        } catch (RuntimeException e) {
            return Reranking.fallback(
                    reranker.describe(),
                    top,
                    k,
                    "the reranker failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        String broken = contractProblem(r, top, k);
        return broken == null ? r : Reranking.fallback(reranker.describe(), top, k, broken);
    }

    /**
     * What is wrong with a reranker's result for these candidates against the contract of {@link Reranker}
     * (the wrong number of hits, a hit it was not given, one twice), or null when nothing is.
     */
    public static String contractProblem(Reranking r, List<SearchHit> top, int k) {
        if (r == null) {
            return "the reranker returned nothing";
        }
        int expected = Math.min(k, top.size());
        if (r.hits().size() != expected) {
            return "the reranker returned " + r.hits().size() + " hits instead of " + expected;
        }
        Set<String> given = new HashSet<>();
        top.forEach(h -> given.add(h.chunkId()));
        Set<String> seen = new HashSet<>();
        for (SearchHit h : r.hits()) {
            if (!given.contains(h.chunkId()) || !seen.add(h.chunkId())) {
                return "the reranker returned a hit it was not given, or one twice (" + h.chunkId() + ")";
            }
        }
        return null;
    }
}
