package dev.sluice.diagnose;

import dev.sluice.answer.Asker;
import java.util.List;

/**
 * What to diagnose.
 *
 * @param question the question; may be null when {@code answerId} is given (the answer's question is used)
 * @param expect the document the answer should rest on: a chunk id, a document URI or a path relative to
 *     its source
 * @param expectText a phrase the right answer must rest on, or null
 * @param answerId the recorded answer to rerun exactly as it was answered (its question and asking key),
 *     or null
 * @param keyId the API key whose access the question is asked with (principal and groups), or null for
 *     the answer's key, or full access when there is no answer either
 * @param options the answer settings to rerun with (k, context budget, relevance floor, filters), or null
 *     for {@link Asker.Options#DEFAULTS}, which the service answers with
 * @param viewerTokens the access tokens of whoever asks for the diagnosis ({@code AccessList.callerTokens});
 *     a document they may not read is reported as unknown; null for full access (the local command line)
 */
public record DiagnosisRequest(
        String question,
        String expect,
        String expectText,
        String answerId,
        String keyId,
        Asker.Options options,
        List<String> viewerTokens) {
    public DiagnosisRequest {
        question = blankToNull(question);
        expect = blankToNull(expect);
        expectText = blankToNull(expectText);
        answerId = blankToNull(answerId);
        keyId = blankToNull(keyId);
        options = options == null ? Asker.Options.DEFAULTS : options;
        viewerTokens = viewerTokens == null ? null : List.copyOf(viewerTokens);
    }

    /** A request from the local command line: full access, the service's answer settings. */
    public static DiagnosisRequest of(
            String question, String expect, String expectText, String answerId, String keyId) {
        return new DiagnosisRequest(question, expect, expectText, answerId, keyId, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
