package dev.sluice.client;

import java.util.List;

/**
 * The service's answer to a question ({@code POST /v1/ask}), its citations checked by the service.
 *
 * @param id the answer's id, for {@code /v1/feedback}
 * @param question the question
 * @param text the answer, citing passages as {@code [n]}
 * @param kind how it was made: {@code model}, {@code extractive} or {@code not_found}
 * @param grounded whether every sentence is backed by a cited passage
 * @param citations the passages the text cites, by number
 * @param note why the service changed or fell back from the model's answer, or null
 * @param traceId the service's trace of the request
 */
public record Answer(
        String id,
        String question,
        String text,
        String kind,
        boolean grounded,
        List<Citation> citations,
        String note,
        String traceId) {
    public Answer {
        citations = citations == null ? List.of() : List.copyOf(citations);
    }
}
