package dev.sluice.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.core.UsageException;
import dev.sluice.diagnose.Diagnosis;
import dev.sluice.diagnose.DiagnosisRequest;
import io.javalin.http.Context;

/**
 * {@code POST /v1/diagnose}: which layer a bad answer comes from, as {@code sluice diagnose --json}. The
 * caller's own access decides what the diagnosis may name: an expected document the caller may not
 * read is "no document", exactly as one that does not exist. A key without the admin scope diagnoses
 * its own answers (those given to its principal) with its own access; an admin key may diagnose any
 * answer it may read, and ask as another key ({@code asKey}).
 */
record DiagnoseRoutes(KnowledgeBase kb) {
    void diagnose(Context ctx) {
        Caller caller = Caller.requiring(ctx, "query");
        JsonNode body = ApiOperation.jsonBody(ctx);
        String question = Http.optionalText(body, "question", QueryRoutes.MAX_QUESTION_CHARS);
        String expect = Http.text(body, "expect", 2000);
        String expectText = Http.optionalText(body, "expectText", 2000);
        String answerId = Http.optionalText(body, "answerId", 100);
        String asKey = Http.optionalText(body, "asKey", 100);
        if ((question == null || question.isBlank()) && answerId == null) {
            throw ApiError.badRequest("question must be a non-empty string (or give answerId to take its question)");
        }
        AnswerRecord answer = null;
        if (answerId != null) {
            answer = kb.answers().answer(answerId);
            boolean own =
                    answer != null && answer.principal().equals(caller.key().principal());
            boolean readable =
                    answer != null && caller.has("admin") && caller.mayReadAnswer(answer, kb.catalog()::document);
            if (!own && !readable) {
                throw new ApiError(404, "not_found", "no answer " + answerId + " given to this caller");
            }
        }
        if (asKey != null) {
            if (!caller.has("admin")) {
                throw new ApiError(
                        403, "forbidden", "asKey needs the 'admin' scope; other keys diagnose as themselves");
            }
            if (kb.keys().apiKeys().stream().noneMatch(k -> k.id().equals(asKey))) {
                throw ApiError.badRequest("asKey: no API key '" + asKey + "'");
            }
        }
        String keyId = asKey != null
                ? asKey
                : answer != null ? answer.keyId() : caller.key().id();
        Diagnosis d;
        try {
            d = kb.diagnose(new DiagnosisRequest(question, expect, expectText, answerId, keyId, null, caller.tokens()));
        } catch (UsageException e) {
            String message = e.getMessage();
            throw ApiError.badRequest(
                    message.startsWith("no document") || message.contains("is the path of")
                            ? "expect: " + message
                            : message);
        }
        Http.json(ctx, 200, d.view());
    }
}
