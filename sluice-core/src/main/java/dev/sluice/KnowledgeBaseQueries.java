package dev.sluice;

import dev.sluice.answer.Answer;
import dev.sluice.answer.Asker;
import dev.sluice.answer.ModelAnswerer;
import dev.sluice.diagnose.Diagnoser;
import dev.sluice.diagnose.Diagnosis;
import dev.sluice.diagnose.DiagnosisRequest;
import dev.sluice.observe.Traces;
import dev.sluice.observe.Tracing;
import dev.sluice.retrieve.Reranker;
import dev.sluice.retrieve.RerankingRetriever;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.function.Consumer;

/**
 * The traced queries of a {@link KnowledgeBase}: a search (reranked as configured), an answer, a
 * diagnosis, each in its own span with what it found. The knowledge base keeps the public methods and
 * opens the parts; this class runs them, so that the facade stays a list of one-line entries.
 */
final class KnowledgeBaseQueries {
    private final KnowledgeBase kb;

    KnowledgeBaseQueries(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** A search, reranked when {@code reranker} is not null, in a {@code search} span. */
    SearchResult search(SearchRequest request, Reranker reranker) {
        try (Tracing.Operation op = kb.tracing().operation("search", Context.current(), SpanKind.INTERNAL)) {
            Span span = op.span();
            span.setAttribute("sluice.mode", request.mode().label());
            span.setAttribute("sluice.k", request.k());
            span.setAttribute("sluice.filtered", !request.filters().equals(dev.sluice.retrieve.SearchFilters.NONE));
            span.setAttribute("sluice.reranked", reranker != null);
            try {
                Sluice.Searcher searcher = kb.searcher();
                SearchResult result = reranker == null
                        ? SearchResult.firstStage(searcher.search(request))
                        : SearchResult.reranked(new RerankingRetriever(
                                        searcher::search,
                                        reranker,
                                        kb.config().rerank().candidates())
                                .rerank(request));
                if (request.mode() == SearchMode.HYBRID) {
                    result = result.withMatch(searcher.match(request.query()));
                }
                List<SearchHit> hits = result.hits();
                span.setAttribute("sluice.hits", hits.size());
                Traces.strings(
                        span,
                        "sluice.hits.chunk_ids",
                        hits.stream().map(SearchHit::chunkId).toList(),
                        50);
                Traces.doubles(
                        span,
                        "sluice.hits.scores",
                        hits.stream().map(h -> (double) h.score()).toList(),
                        50);
                return result;
            } catch (RuntimeException e) {
                Traces.fail(span, e);
                throw e;
            }
        }
    }

    /** An answer in an {@code ask} span, model calls charged to {@code apiKeyId} (null: none). */
    Answer ask(String question, Asker.Options options, String apiKeyId, Consumer<String> onDelta) {
        ModelAnswerer model = kb.answerer();
        if (model != null && apiKeyId != null) {
            model = model.forKey(apiKeyId);
        }
        try (Tracing.Operation op = kb.tracing().operation("ask", Context.current(), SpanKind.INTERNAL)) {
            Span span = op.span();
            span.setAttribute("sluice.k", options.k());
            span.setAttribute("sluice.answer.streamed", onDelta != null);
            try {
                Reranker reranker = kb.reranker(apiKeyId);
                span.setAttribute("sluice.reranked", reranker != null);
                Answer answer = kb.searcher()
                        .asker(kb.conflictDetector(apiKeyId))
                        .withReranker(reranker, kb.config().rerank().candidates())
                        .ask(question, options, model, onDelta);
                span.setAttribute("sluice.answer.kind", answer.kind().name().toLowerCase(java.util.Locale.ROOT));
                span.setAttribute("sluice.answer.conflicts", answer.conflicts().size());
                span.setAttribute("sluice.answer.note", answer.note());
                Traces.strings(
                        span,
                        "sluice.answer.cited_chunk_ids",
                        answer.citations().stream().map(c -> c.chunkId()).toList(),
                        50);
                return answer;
            } catch (RuntimeException e) {
                Traces.fail(span, e);
                throw e;
            }
        }
    }

    /** One diagnosis in a {@code diagnose} span naming its layer and cause. */
    Diagnosis diagnose(
            DiagnosisRequest request, java.util.function.BiFunction<Diagnoser, DiagnosisRequest, Diagnosis> how) {
        try (Tracing.Operation op = kb.tracing().operation("diagnose", Context.current(), SpanKind.INTERNAL)) {
            try {
                Diagnosis d = how.apply(
                        new Diagnoser(new KnowledgeBaseDiagnosis(kb), kb.conflictDetector(request.keyId())), request);
                op.span().setAttribute("sluice.diagnosis.layer", d.layer().label());
                op.span().setAttribute("sluice.diagnosis.cause", d.cause());
                return d;
            } catch (RuntimeException e) {
                Traces.fail(op.span(), e);
                throw e;
            }
        }
    }
}
