package dev.sluice.serve;

import static dev.sluice.serve.ApiSchemas.array;
import static dev.sluice.serve.ApiSchemas.bool;
import static dev.sluice.serve.ApiSchemas.described;
import static dev.sluice.serve.ApiSchemas.freeObject;
import static dev.sluice.serve.ApiSchemas.instant;
import static dev.sluice.serve.ApiSchemas.integer;
import static dev.sluice.serve.ApiSchemas.nullable;
import static dev.sluice.serve.ApiSchemas.number;
import static dev.sluice.serve.ApiSchemas.object;
import static dev.sluice.serve.ApiSchemas.oneOf;
import static dev.sluice.serve.ApiSchemas.ref;
import static dev.sluice.serve.ApiSchemas.string;

import dev.sluice.answer.Answer;
import dev.sluice.diagnose.Layer;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.review.Resolution;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shapes of what the service reads and writes, one component schema each, as the views write
 * them ({@code JsonViews}, {@code IncidentViews}, {@code ReviewViews}, {@code QualityJson}, the
 * routes' own {@code view} methods). Enumerations come from the enums that produce the values, so a new
 * search mode or incident kind is in the document without an edit here. OpenApiIT validates real
 * answers against these schemas with every undeclared property refused, so a field a view adds or
 * renames fails there until it is written here.
 */
final class ApiShapes {
    private ApiShapes() {}

    static List<String> modes() {
        return Arrays.stream(SearchMode.values()).map(SearchMode::label).toList();
    }

    static List<String> resolutions() {
        return Resolution.choices().stream().map(Resolution::label).toList();
    }

    static <E extends Enum<E>> List<String> lowerCase(E[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    static Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        s.put(
                ApiSchemas.ERROR,
                object(
                        "Every refusal and failure: a stable code and a message that names what to fix",
                        "code",
                        string("stable: bad_request, unauthenticated, forbidden, not_found, conflict, too_large,"
                                + " rate_limited, busy, unavailable, internal, ..."),
                        "message",
                        string("for people: names the parameter, field or value and the fix")));
        s.put("Health", object(null, "status", oneOf(List.of("ok"))));
        s.put("Ready", object(null, "status", oneOf(List.of("ready")), "model", string("the embedding model")));
        search(s);
        answers(s);
        documents(s);
        ApiOpsShapes.operations(s);
        ApiOpsShapes.watch(s);
        return java.util.Collections.unmodifiableMap(s);
    }

    private static void search(Map<String, Map<String, Object>> s) {
        s.put(
                "SearchHit",
                object(
                        "One ranked chunk",
                        "rank",
                        integer(),
                        "score",
                        number(),
                        "chunkId",
                        string(),
                        "uri",
                        string("the document's URI"),
                        "source",
                        string(),
                        "path",
                        string("source-relative path"),
                        "type",
                        nullable(string()),
                        "title",
                        nullable(string()),
                        "headingPath",
                        array(string()),
                        "pageStart",
                        integer(),
                        "pageEnd",
                        integer(),
                        "citation",
                        string("path, page and heading: guide.pdf p.3 § Install > Linux"),
                        "start",
                        integer(),
                        "end",
                        integer(),
                        "chunkerVersion",
                        nullable(string()),
                        "model",
                        nullable(string()),
                        "modelVersion",
                        nullable(string()),
                        "snippet",
                        nullable(string()),
                        "text",
                        string()));
        s.put(
                "SearchResponse",
                object(
                        null,
                        "query",
                        string(),
                        "mode",
                        oneOf(modes()),
                        "k",
                        integer(),
                        "rerank",
                        object(
                                "whether a reranker reordered the hits ({\"enabled\": false} when none ran)",
                                "enabled",
                                bool(),
                                "reordered?",
                                bool(),
                                "reranker?",
                                nullable(string()),
                                "candidates?",
                                integer(),
                                "moved?",
                                integer(),
                                "cached?",
                                bool(),
                                "fallbackReason?",
                                nullable(string())),
                        "documentMatch",
                        object(
                                "the issuers and year the question named, whose documents hybrid search boosted",
                                "matched",
                                bool(),
                                "issuers?",
                                array(string()),
                                "year?",
                                nullable(integer())),
                        "results",
                        array(ref("SearchHit")),
                        "traceId",
                        nullable(string())));
    }

    private static void answers(Map<String, Map<String, Object>> s) {
        s.put(
                "AskRequest",
                object(
                        null,
                        "question",
                        described(
                                Map.of("type", "string", "minLength", 1, "maxLength", QueryRoutes.MAX_QUESTION_CHARS),
                                "the question"),
                        "k?",
                        described(
                                Map.of("type", "integer", "minimum", 1, "maximum", 100),
                                "passages to answer from (default as configured)"),
                        "stream?",
                        described(
                                bool(),
                                "server-sent events instead of one JSON answer (default: false, or"
                                        + " true with Accept: text/event-stream)")));
        s.put(
                "Citation",
                object(
                        "Where a numbered citation [n] of the answer points",
                        "number",
                        integer(),
                        "chunkId",
                        string(),
                        "uri",
                        string(),
                        "path",
                        string(),
                        "pageStart",
                        integer(),
                        "pageEnd",
                        integer(),
                        "headingPath",
                        array(string()),
                        "source",
                        string()));
        Map<String, Object> side = object(
                null,
                "chunkId",
                string(),
                "uri",
                string(),
                "number",
                integer(),
                "sentence",
                string(),
                "value",
                nullable(string()));
        s.put(
                "Conflict",
                object(
                        "Two passages of the context that disagree on what was asked",
                        "kind",
                        string(),
                        "subject",
                        string(),
                        "a",
                        side,
                        "b",
                        side));
        s.put(
                "Answer",
                object(
                        "An answer with checked citations; also the data of the answer event of a stream",
                        "id",
                        string("the answer's id, for POST /v1/feedback"),
                        "question",
                        string(),
                        "answer",
                        string("the text, citing passages as [n]"),
                        "kind",
                        oneOf(lowerCase(Answer.Kind.values())),
                        "grounded",
                        bool(),
                        "citations",
                        array(ref("Citation")),
                        "problems",
                        array(string()),
                        "note",
                        nullable(string()),
                        "topSimilarity",
                        number(),
                        "model",
                        nullable(string()),
                        "promptVersion",
                        nullable(string()),
                        "conflicts",
                        array(ref("Conflict")),
                        "traceId",
                        nullable(string())));
        Map<String, Object> text2000 = Map.of("type", "string", "maxLength", QueryRoutes.MAX_EXPECT_CHARS);
        s.put(
                "FeedbackRequest",
                object(
                        null,
                        "answerId",
                        described(Map.of("type", "string", "minLength", 1, "maxLength", 100), "from the answer"),
                        "rating",
                        oneOf(List.of("up", "down")),
                        "comment?",
                        Map.of("type", "string", "maxLength", QueryRoutes.MAX_COMMENT_CHARS),
                        "expect?",
                        described(text2000, "the document that should have answered (down only)"),
                        "expectText?",
                        described(text2000, "a sentence the answer should have used (down only)")));
        s.put(
                "Diagnosis",
                object(
                        "Which layer a bad answer comes from",
                        "layer",
                        oneOf(lowerCase(Layer.values())),
                        "cause",
                        string("a short stable code: quarantined, not_in_top_k, ..."),
                        "summary",
                        string(),
                        "evidence",
                        freeObject("what the finding rests on: ids, ranks, scores, versions, times"),
                        "fix",
                        string(),
                        "passed",
                        array(oneOf(lowerCase(Layer.values())))));
        s.put(
                "FeedbackDiagnosis",
                object(
                        "The diagnosis kept with a thumbs-down; error instead of the layers when it failed",
                        "expect?",
                        string(),
                        "expectText?",
                        string(),
                        "error?",
                        string(),
                        "layer?",
                        string(),
                        "cause?",
                        string(),
                        "summary?",
                        string(),
                        "evidence?",
                        freeObject("as in Diagnosis"),
                        "fix?",
                        string(),
                        "passed?",
                        array(string())));
        s.put(
                "FeedbackCreated",
                object(
                        null,
                        "id",
                        integer(),
                        "answerId",
                        string(),
                        "rating",
                        oneOf(List.of("up", "down")),
                        "diagnosis?",
                        ref("FeedbackDiagnosis")));
        s.put(
                "FeedbackEntry",
                object(
                        null,
                        "id",
                        integer(),
                        "answerId",
                        string(),
                        "rating",
                        oneOf(List.of("up", "down")),
                        "comment",
                        nullable(string()),
                        "principal",
                        string(),
                        "at",
                        nullable(instant()),
                        "question",
                        string(),
                        "answer",
                        string(),
                        "kind",
                        string(),
                        "documents",
                        array(string()),
                        "diagnosis?",
                        ref("FeedbackDiagnosis")));
        s.put("FeedbackList", object(null, "feedback", array(ref("FeedbackEntry"))));
        s.put(
                "DiagnoseRequest",
                object(
                        "question, or answerId to take its question",
                        "question?",
                        Map.of("type", "string", "maxLength", QueryRoutes.MAX_QUESTION_CHARS),
                        "expect",
                        described(
                                Map.of("type", "string", "minLength", 1, "maxLength", 2000),
                                "the document that should have answered (path or URI)"),
                        "expectText?",
                        Map.of("type", "string", "maxLength", 2000),
                        "answerId?",
                        Map.of("type", "string", "maxLength", 100),
                        "asKey?",
                        described(Map.of("type", "string", "maxLength", 100), "admin keys: diagnose as this key id")));
    }

    private static void documents(Map<String, Map<String, Object>> s) {
        Map<String, Object> document = object(
                "A document's catalog record",
                "uri",
                string(),
                "source",
                string(),
                "path",
                string(),
                "status",
                string("indexed, quarantined, deleted, ..."),
                "reason",
                nullable(string("why it was quarantined")),
                "message",
                nullable(string()),
                "chunks",
                integer(),
                "bytes",
                integer(),
                "modified",
                nullable(instant()),
                "firstSeen",
                nullable(instant()),
                "lastSeen",
                nullable(instant()),
                "runId",
                integer(),
                "model",
                nullable(string()),
                "chunkerVersion",
                nullable(string()),
                "contentHash",
                nullable(string()));
        s.put("Document", document);
        s.put(
                "DocumentList",
                object(null, "total", integer(), "offset", integer(), "documents", array(ref("Document"))));
        s.put(
                "DocumentLineage",
                object(
                        "A document's record, its chunks and the run that wrote it",
                        List.of(document),
                        "chunks",
                        array(object(null, "id", string(), "contentHash", string())),
                        "run?",
                        ref("Run")));
        s.put(
                "UploadRequest",
                object(
                        null,
                        "files",
                        described(
                                array(Map.of("type", "string", "contentMediaType", "application/octet-stream")),
                                "one part per file; its file name is a label, never a path"),
                        "principals?",
                        string("comma-separated principals who may read the files (the uploader always may)"),
                        "groups?",
                        string("comma-separated groups who may read the files")));
        s.put(
                "UploadAccepted",
                object(
                        null,
                        "documents",
                        array(object(null, "name", string(), "uri", string(), "bytes", integer())),
                        "access",
                        object(null, "principals", array(string()), "groups", array(string())),
                        "job",
                        ref("Job")));
        s.put("DeleteAccepted", object(null, "deleted", string("the URI"), "job", ref("Job")));
    }
}
