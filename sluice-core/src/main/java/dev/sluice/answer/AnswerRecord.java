package dev.sluice.answer;

import java.util.List;

/**
 * An answer the service gave, kept so that feedback can point at it.
 *
 * @param id the answer's id, as the response gave it
 * @param keyId the API key that asked
 * @param principal that key's principal
 * @param question the question
 * @param answer the answer's text
 * @param kind model, extractive or not_found
 * @param contextUris the documents its context came from (who may see the answer later follows them)
 * @param createdMillis when it was given
 */
public record AnswerRecord(
        String id,
        String keyId,
        String principal,
        String question,
        String answer,
        String kind,
        List<String> contextUris,
        long createdMillis) {
    public AnswerRecord {
        contextUris = List.copyOf(contextUris);
    }
}
