package dev.sluice;

import dev.sluice.answer.Answer;
import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.Passage;
import dev.sluice.retrieve.Reranking;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of searches and answers: one per result, the same from the command line and the service. */
public final class JsonViews {
    private JsonViews() {}

    /** A search without reranking and its hits. */
    public static Map<String, Object> search(SearchRequest request, List<SearchHit> hits) {
        return search(request, SearchResult.firstStage(hits));
    }

    /**
     * A search and its hits, as {@code sluice search --json} prints them and {@code /v1/search} returns
     * them, with {@code rerank}: {@code {"enabled": false}} when no reranker ran, else whether it
     * reordered the hits, who ranked, the candidates, how many moved, whether the order came from the
     * cache, and the reason the search order was kept when it was; and {@code documentMatch}: the
     * issuers and year the question named, whose documents hybrid search boosted.
     */
    public static Map<String, Object> search(SearchRequest request, SearchResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("query", request.query());
        json.put("mode", request.mode().label());
        json.put("k", request.k());
        json.put("rerank", rerank(result.reranking().orElse(null)));
        json.put("documentMatch", documentMatch(result.match()));
        List<Map<String, Object>> results = new ArrayList<>();
        for (SearchHit h : result.hits()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rank", h.rank());
            r.put("score", h.score());
            r.put("chunkId", h.chunkId());
            r.put("uri", h.documentUri());
            r.put("source", h.source());
            r.put("path", h.path());
            r.put("type", h.type());
            r.put("title", h.title());
            r.put("headingPath", h.headingPath());
            r.put("pageStart", h.pageStart());
            r.put("pageEnd", h.pageEnd());
            r.put("citation", h.citation());
            r.put("start", h.start());
            r.put("end", h.end());
            r.put("chunkerVersion", h.chunkerVersion());
            r.put("model", h.modelId());
            r.put("modelVersion", h.modelVersion());
            r.put("snippet", h.snippet());
            r.put("text", h.text());
            results.add(r);
        }
        json.put("results", results);
        return json;
    }

    /** What the question named of the indexed documents: {@code {"matched": false}} or issuers and year. */
    private static Map<String, Object> documentMatch(dev.sluice.retrieve.DocumentMatch m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("matched", m.matched());
        if (m.matched()) {
            json.put("issuers", m.aliases());
            json.put("year", m.year() == 0 ? null : m.year());
        }
        return json;
    }

    private static Map<String, Object> rerank(Reranking r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("enabled", r != null);
        if (r != null) {
            json.put("reordered", r.reordered());
            json.put("reranker", r.reranker());
            json.put("candidates", r.candidates());
            json.put("moved", r.moved());
            json.put("cached", r.cached());
            json.put("fallbackReason", r.fallbackReason());
        }
        return json;
    }

    /** An answer, as {@code sluice ask --json} prints it and {@code /v1/ask} returns it. */
    public static Map<String, Object> answer(Answer answer) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("question", answer.question());
        map.put("answer", answer.text());
        map.put("kind", answer.kind().name().toLowerCase(Locale.ROOT));
        map.put("grounded", answer.grounded());
        map.put("citations", answer.citations());
        map.put("problems", answer.problems());
        map.put("note", answer.note());
        map.put("topSimilarity", answer.topSimilarity());
        map.put("model", answer.model());
        map.put("promptVersion", answer.promptVersion());
        map.put("conflicts", conflicts(answer));
        return map;
    }

    /**
     * The conflicts of an answer's passages: {@code [{kind, subject, a: {chunkId, uri, number, sentence,
     * value}, b: {...}}]}, where {@code number} is the side's citation number in the answer ({@code [n]}).
     */
    public static List<Map<String, Object>> conflicts(Answer answer) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Conflict c : answer.conflicts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", c.kind());
            m.put("subject", c.subject());
            m.put("a", side(answer, c.a(), c.sentenceA(), c.valueA()));
            m.put("b", side(answer, c.b(), c.sentenceB(), c.valueB()));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> side(Answer answer, Passage p, String sentence, String value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunkId", p.id());
        m.put("uri", p.documentUri());
        m.put("number", answer.numberOf(p.id()));
        m.put("sentence", sentence);
        m.put("value", value);
        return m;
    }
}
