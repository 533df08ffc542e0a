package dev.sluice.conflict;

/**
 * Two passages of different documents (or versions) that state different things about the same
 * subject.
 *
 * @param kind what differs: {@code number}, {@code date}, {@code name} or {@code negation}
 * @param subject what both sentences are about, in a few words ("the parental leave", "revenue 2023")
 * @param a one side
 * @param sentenceA the sentence of {@code a} that says it
 * @param valueA the value it states ("16 weeks"), or the statement for a negation
 * @param b the other side
 * @param sentenceB the sentence of {@code b} that says it
 * @param valueB the value it states ("12 weeks")
 */
public record Conflict(
        String kind,
        String subject,
        Passage a,
        String sentenceA,
        String valueA,
        Passage b,
        String sentenceB,
        String valueB) {}
