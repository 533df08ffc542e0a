package dev.sluice.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.JsonViews;
import dev.sluice.KnowledgeBase;
import dev.sluice.answer.Answer;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.Asker;
import dev.sluice.answer.ContextChunk;
import dev.sluice.answer.FeedbackRecord;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.observe.Traces;
import dev.sluice.observe.Tracing;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import io.javalin.http.Context;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Search, ask (JSON or server-sent events) and feedback. Every retrieval carries the caller's access
 * tokens into the index query; an answer is kept with the documents of its context so that its
 * feedback is shown only to those who may read them.
 */
record QueryRoutes(KnowledgeBase kb) {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int MAX_QUESTION_CHARS = 4000;
    static final int MAX_COMMENT_CHARS = 4000;
    static final int MAX_EXPECT_CHARS = 2000;
    static final int TRACED_QUERY_CHARS = 500;

    void search(Context ctx) {
        Caller caller = Caller.requiring(ctx, "query");
        String query = QueryApi.Q.get(ctx);
        SearchMode mode = SearchMode.fromLabel(QueryApi.MODE.get(ctx));
        int k = QueryApi.K.get(ctx);
        Integer year = QueryApi.YEAR.get(ctx);
        recordQuery(query);
        SearchRequest request;
        try {
            request = new SearchRequest(
                    query,
                    mode,
                    k,
                    new SearchFilters(QueryApi.SOURCE.all(ctx), QueryApi.PATH.get(ctx), QueryApi.TYPE.all(ctx))
                            .withDocuments(QueryApi.ISSUER.all(ctx), year == null ? 0 : year)
                            .withMetadata(SearchFilters.parseMetadata(QueryApi.META.all(ctx), "meta"))
                            .forCaller(caller.tokens()));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        SearchResult result = !QueryApi.RERANK.get(ctx)
                ? SearchResult.firstStage(kb.search(request))
                : kb.searchAsConfigured(request, caller.key().id());
        Map<String, Object> json = new LinkedHashMap<>(JsonViews.search(request, result));
        json.put("traceId", Traces.currentTraceId());
        Http.json(ctx, 200, json);
    }

    /**
     * {@code POST /v1/ask}. With {@code "stream": true} (or {@code Accept: text/event-stream}) the
     * reply is a stream of server-sent events: {@code delta} events carry the model's text as it
     * arrives (not yet checked), then one {@code answer} event carries the checked answer, exactly
     * the JSON a plain request gets, then {@code done}.
     */
    void ask(Context ctx) {
        Caller caller = Caller.requiring(ctx, "query");
        JsonNode body = ApiOperation.jsonBody(ctx);
        String question = Http.text(body, "question", MAX_QUESTION_CHARS);
        recordQuery(question);
        JsonNode kNode = body.get("k");
        if (kNode != null && !kNode.canConvertToInt()) {
            throw ApiError.badRequest("k must be a whole number from 1 to 100, got " + kNode);
        }
        JsonNode streamNode = body.get("stream");
        if (streamNode != null && !streamNode.isBoolean()) {
            throw ApiError.badRequest("stream must be true or false, got " + streamNode);
        }
        boolean stream = streamNode != null
                ? streamNode.asBoolean()
                : String.valueOf(ctx.header("Accept")).contains("text/event-stream");
        Asker.Options options;
        try {
            options = new Asker.Options(
                    kNode == null ? Asker.Options.DEFAULTS.k() : kNode.asInt(),
                    Asker.Options.DEFAULTS.maxContextTokens(),
                    null,
                    SearchFilters.NONE.forCaller(caller.tokens()));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        if (!stream) {
            Http.json(
                    ctx,
                    200,
                    answered(caller, kb.ask(question, options, caller.key().id(), null)));
            return;
        }
        ctx.status(200).contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no"); // proxies such as nginx must not hold the events back
        try {
            OutputStream out = ctx.res().getOutputStream();
            Consumer<String> deltas = text -> event(out, "delta", Map.of("text", text));
            Answer answer = kb.ask(question, options, caller.key().id(), deltas);
            event(out, "answer", answered(caller, answer));
            event(out, "done", Map.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the client went away during the stream", e);
        } catch (RuntimeException e) {
            // the status line is sent: the failure travels as an event
            try {
                OutputStream out = ctx.res().getOutputStream();
                event(out, "error", Map.of("code", "internal", "message", "the answer failed: " + e.getMessage()));
            } catch (IOException | RuntimeException gone) {
                e.addSuppressed(gone);
            }
            throw e;
        }
    }

    private static void event(OutputStream out, String name, Object data) {
        try {
            out.write(("event: " + name + "\ndata: " + Http.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the client went away during the stream", e);
        }
    }

    /** The answer's JSON with the id feedback refers to; the answer is kept in the catalog. */
    private Map<String, Object> answered(Caller caller, Answer answer) {
        String id = "ans_" + HexFormat.of().formatHex(bytes(12));
        List<String> uris = new ArrayList<>();
        for (ContextChunk c : answer.context()) {
            if (!uris.contains(c.hit().documentUri())) {
                uris.add(c.hit().documentUri());
            }
        }
        kb.answers()
                .addAnswer(new AnswerRecord(
                        id,
                        caller.key().id(),
                        caller.key().principal(),
                        answer.question(),
                        answer.text(),
                        answer.kind().name().toLowerCase(java.util.Locale.ROOT),
                        uris,
                        System.currentTimeMillis()));
        Span.current().setAttribute(Tracing.ANSWER_ID, id);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.putAll(JsonViews.answer(answer));
        json.put("traceId", Traces.currentTraceId());
        return json;
    }

    /**
     * Names the question on the request's span, so that the dashboard's questions page (for the
     * caller and admin keys, as every trace) can show what was asked; cut at {@link
     * #TRACED_QUERY_CHARS}. It travels with the trace wherever the trace goes (OTLP included).
     */
    private static void recordQuery(String text) {
        Span.current()
                .setAttribute(
                        Tracing.QUERY,
                        text.length() <= TRACED_QUERY_CHARS ? text : text.substring(0, TRACED_QUERY_CHARS));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * {@code POST /v1/feedback}: thumbs up or down, and a comment, on an answer the caller was given. A
     * thumbs-down runs the diagnosis (as the answer's key, shown as the caller may see it: a document the
     * caller may not read is unknown to it) and keeps it with the feedback; with {@code expect} the full
     * one, else the weaker one from the answer's own documents. It runs on the request thread, so the
     * response carries it; a diagnosis that fails is noted in it, never failing the feedback.
     */
    void feedback(Context ctx) {
        Caller caller = Caller.requiring(ctx, "query");
        JsonNode body = ApiOperation.jsonBody(ctx);
        String answerId = Http.text(body, "answerId", 100);
        String rating = Http.text(body, "rating", 10);
        if (!rating.equals("up") && !rating.equals("down")) {
            throw ApiError.badRequest("rating must be \"up\" or \"down\", got \"" + rating + "\"");
        }
        String comment = Http.optionalText(body, "comment", MAX_COMMENT_CHARS);
        String expect = Http.optionalText(body, "expect", MAX_EXPECT_CHARS);
        String expectText = Http.optionalText(body, "expectText", MAX_EXPECT_CHARS);
        if (rating.equals("up") && (expect != null || expectText != null)) {
            throw ApiError.badRequest("expect and expectText go with a \"down\" rating only");
        }
        AnswerRecord answer = kb.answers().answer(answerId);
        if (answer == null || !answer.principal().equals(caller.key().principal())) {
            throw new ApiError(404, "not_found", "no answer " + answerId + " given to this caller");
        }
        AnswerStore.Feedback f = kb.feedback()
                .add(
                        new FeedbackRecord(
                                0,
                                answerId,
                                caller.key().id(),
                                caller.key().principal(),
                                rating,
                                comment,
                                System.currentTimeMillis()),
                        expect,
                        expectText,
                        caller.tokens());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", f.feedback().id());
        json.put("answerId", answerId);
        json.put("rating", rating);
        if (f.diagnosis() != null) {
            json.put("diagnosis", f.diagnosis().view());
        }
        Http.json(ctx, 201, json);
    }

    /**
     * {@code GET /v1/feedback}: the latest feedback with its question and answer, leaving out every
     * answer drawn from a document the caller may not read (or that no longer exists).
     */
    void feedbackList(Context ctx) {
        Caller caller = Caller.requiring(ctx, "admin");
        int limit = QueryApi.FEEDBACK_LIMIT.get(ctx);
        Map<String, DocumentRecord> documents = kb.catalog().documents();
        List<Map<String, Object>> out = new ArrayList<>();
        for (AnswerStore.Feedback f : kb.answers().feedback(5000)) {
            if (out.size() >= limit) {
                break;
            }
            AnswerRecord a = f.answer();
            if (!caller.mayReadAnswer(a, documents::get)) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.feedback().id());
            m.put("answerId", a.id());
            m.put("rating", f.feedback().rating());
            m.put("comment", f.feedback().comment());
            m.put("principal", f.feedback().principal());
            m.put("at", DocumentRoutes.instant(f.feedback().createdMillis()));
            m.put("question", a.question());
            m.put("answer", a.answer());
            m.put("kind", a.kind());
            m.put("documents", a.contextUris());
            if (f.diagnosis() != null && caller.mayReadDiagnosis(f.diagnosis(), documents::get)) {
                m.put("diagnosis", f.diagnosis().view());
            }
            out.add(m);
        }
        Http.json(ctx, 200, Map.of("feedback", out));
    }
}
