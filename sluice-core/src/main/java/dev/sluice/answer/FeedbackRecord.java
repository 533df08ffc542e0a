package dev.sluice.answer;

/**
 * A thumbs up or down, with an optional comment, on an answer.
 *
 * @param id increasing number
 * @param answerId the answer it is about
 * @param keyId the API key that gave it
 * @param principal that key's principal
 * @param rating "up" or "down"
 * @param comment free text, or null
 * @param createdMillis when it was given
 */
public record FeedbackRecord(
        long id, String answerId, String keyId, String principal, String rating, String comment, long createdMillis) {}
