package dev.sluice;

import dev.sluice.access.ApiKeyStore;
import dev.sluice.answer.Answer;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.Asker;
import dev.sluice.catalog.Catalog;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.diagnose.DiagnosisSignals;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.Source;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a diagnosis reads, from one knowledge base. The rerun is one {@code diagnose.rerun} span around
 * {@link KnowledgeBase#ask}; the citation checks of every draft are read back from its spans
 * ({@code answer.citations}), since an answer that fell back to an extractive one no longer carries
 * the model's failed check.
 */
final class KnowledgeBaseDiagnosis implements DiagnosisSignals {
    private final KnowledgeBase kb;

    KnowledgeBaseDiagnosis(KnowledgeBase kb) {
        this.kb = kb;
    }

    @Override
    public EffectiveConfig config() {
        return kb.config();
    }

    @Override
    public Catalog catalog() {
        return kb.catalog();
    }

    @Override
    public dev.sluice.quality.DocumentChecks checks(String uri) {
        return kb.qualityStore().checks(uri);
    }

    @Override
    public AnswerStore answers() {
        return kb.answers();
    }

    @Override
    public ApiKeyStore keys() {
        return kb.keys();
    }

    @Override
    public List<Source> sources() {
        return kb.configuredSources();
    }

    @Override
    public List<SearchHit> search(SearchRequest request) {
        return kb.searcher().search(request);
    }

    @Override
    public List<SearchHit> neighbours(SearchHit hit) {
        return kb.searcher().neighbours(hit);
    }

    @Override
    public double relevanceFloor() {
        return kb.searcher().model().relevanceFloor();
    }

    @Override
    public dev.sluice.index.IndexLanguage indexLanguage() {
        return kb.searcher().index().settings().language();
    }

    @Override
    public Rerun ask(String question, Asker.Options options, String keyId) {
        Answer answer;
        String traceId;
        String spanId;
        try (Tracing.Operation op = kb.trace("diagnose.rerun", Context.current(), SpanKind.INTERNAL)) {
            traceId = op.traceId();
            spanId = op.span().getSpanContext().getSpanId();
            answer = kb.ask(question, options, keyId, null);
        }
        List<String> problems = new ArrayList<>();
        List<SpanRecord> spans = op(traceId);
        Set<String> under = new HashSet<>(Set.of(spanId));
        boolean grew = true;
        while (grew) { // the rerun's descendants, whatever their depth
            grew = false;
            for (SpanRecord s : spans) {
                if (under.contains(s.parentSpanId()) && under.add(s.spanId())) {
                    grew = true;
                }
            }
        }
        for (SpanRecord s : spans) {
            if (s.name().equals("answer.citations") && under.contains(s.spanId())) {
                Object found = s.attributes().get("sluice.citations.problems");
                if (found instanceof List<?> list) {
                    list.forEach(p -> problems.add(String.valueOf(p)));
                } else if (found != null) {
                    problems.add(found.toString());
                }
            }
        }
        boolean recorded = spans.stream().anyMatch(s -> s.spanId().equals(spanId));
        return new Rerun(answer, problems, recorded ? traceId : "");
    }

    private List<SpanRecord> op(String traceId) {
        return kb.trace(traceId); // flushes first
    }

    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }
}
