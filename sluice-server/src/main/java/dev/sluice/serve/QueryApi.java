package dev.sluice.serve;

import java.util.Map;

/** What {@link QueryRoutes} and {@link DiagnoseRoutes} take and answer: search, ask, feedback, diagnose. */
final class QueryApi {
    private QueryApi() {}

    static final ApiParam<String> Q = ApiParam.requiredText("q", "the question or keywords", "how do I install it");
    static final ApiParam<String> MODE = ApiParam.choice(
            "mode", "hybrid", ApiShapes.modes(), "bm25 (keywords), dense (embeddings) or hybrid (both, fused)");
    static final ApiParam<Integer> K = ApiParam.integer("k", 5, 1, 1000, "how many chunks");
    static final ApiParam<String> SOURCE = ApiParam.texts("source", "only these sources (repeatable)");
    static final ApiParam<String> PATH = ApiParam.text("path", "only paths matching this glob (docs/**/*.md)")
            .example("**/*.md");
    static final ApiParam<String> TYPE = ApiParam.texts("type", "only these file types (repeatable): pdf, md, ...");
    static final ApiParam<String> ISSUER = ApiParam.texts("issuer", "only documents of these issuers (repeatable)");
    static final ApiParam<Integer> YEAR =
            ApiParam.integer("year", null, 1000, 9999, "only documents of this year (four digits)");
    static final ApiParam<String> META = ApiParam.texts(
                    "meta",
                    "FIELD=VALUE: only chunks whose metadata field (added by transforms) has the value"
                            + " (repeatable)")
            .example("doctype=policy");
    static final ApiParam<Boolean> RERANK =
            ApiParam.bool("rerank", true, "false: the first-stage order; true: reranked when retrieval.rerank.enabled");
    static final ApiParam<Integer> FEEDBACK_LIMIT = ApiParam.integer("limit", 50, 1, 500, "at most this many");

    static final ApiOperation SEARCH = ApiOperation.of("search", "Search: ranked chunks with citations and snippets")
            .describe("As sluice search --json. Only chunks of documents the caller may read; reranked (the model"
                    + " call charged to the caller's key) when retrieval.rerank.enabled, unless rerank=false.")
            .params(Q, MODE, K, SOURCE, PATH, TYPE, ISSUER, YEAR, META, RERANK)
            .json(200, "the ranked chunks", "SearchResponse")
            .error(400, "q is missing, or a value is of the wrong type or out of bounds");

    static final ApiOperation ASK = ApiOperation.of("ask", "Answer a question with checked citations")
            .describe("As sluice ask --json, plus the answer's id. With \"stream\": true (or Accept:"
                    + " text/event-stream) the answer comes as server-sent events: 'delta' events ({\"text\"}: the"
                    + " model's draft as it arrives, not yet checked), then one 'answer' event whose data is the"
                    + " Answer object, then 'done' ({}); a failure after the stream started is an 'error' event"
                    + " ({code, message}).")
            .jsonBody("AskRequest", "{\"question\": \"how do I install it?\"}")
            .json(200, "the answer", "Answer")
            .reply(
                    200,
                    "or, streaming, server-sent events: delta*, answer, done",
                    "text/event-stream",
                    Map.of("type", "string", "description", "event: delta|answer|done|error, data: JSON"))
            .error(400, "the body is not a JSON object of the fields listed, or a field is invalid");

    static final ApiOperation FEEDBACK = ApiOperation.of("giveFeedback", "Thumbs up or down on an answer")
            .describe("A thumbs-down runs the diagnosis (with expect: the full one) and returns it as diagnosis.")
            .jsonBody(
                    "FeedbackRequest",
                    "{\"answerId\": \"ans_0123456789abcdef01234567\", \"rating\": \"down\","
                            + " \"comment\": \"the leave policy says 25 days\", \"expect\": \"hr/leave.md\"}")
            .json(201, "the feedback, with the diagnosis of a thumbs-down", "FeedbackCreated")
            .error(400, "the body is not a JSON object of the fields listed, or a field is invalid")
            .error(404, "no such answer given to this caller");

    static final ApiOperation FEEDBACK_LIST = ApiOperation.of("listFeedback", "Latest feedback with its answers")
            .describe("Leaves out answers drawn from documents the caller may not read.")
            .params(FEEDBACK_LIMIT)
            .json(200, "newest first", "FeedbackList")
            .error(400, "a value is of the wrong type or out of bounds");

    static final ApiOperation DIAGNOSE = ApiOperation.of("diagnose", "Which layer a bad answer comes from")
            .describe("As sluice diagnose --json, with the caller's own access: an expected document it may not"
                    + " read is 400 'expect: no document'. A key diagnoses its own answers; asKey (admin keys)"
                    + " asks as another key.")
            .jsonBody("DiagnoseRequest", "{\"question\": \"how many days of leave?\", \"expect\": \"hr/leave.md\"}")
            .json(200, "the diagnosis", "Diagnosis")
            .error(400, "the body is invalid, or expect names no document the caller may read")
            .error(403, "asKey without the admin scope")
            .error(404, "no such answer given to this caller");
}
