package dev.sluice.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A detector that remembers readings finds exactly what the stateless one finds, wherever a passage sits. */
class RememberingConflictsTest {
    private static final Passage HANDBOOK = new Passage(
            "h",
            "file:/hr/handbook.md",
            null,
            "Employees receive 16 weeks of paid parental leave. Approval is required.");
    private static final Passage FAQ =
            new Passage("f", "file:/hr/faq.md", null, "Parental leave lasts 12 weeks. Approval is no longer required.");
    private static final Passage SURVEY = new Passage(
            "s", "file:/a.md", null, "The study followed a survey of 100,855 households over ten years in Norway.");
    private static final Passage COPY = new Passage(
            "c", "file:/b.md", null, "The study followed a survey of 201,855 households over ten years in Norway.");

    @Test
    void should_find_what_the_stateless_detector_finds_when_passages_come_back_in_other_places() {
        SentenceConflicts plain = new SentenceConflicts();
        SentenceConflicts remembering = SentenceConflicts.remembering(2); // small: readings are also forgotten
        List<List<Passage>> calls = List.of(
                List.of(HANDBOOK, FAQ),
                List.of(FAQ, HANDBOOK),
                List.of(SURVEY, HANDBOOK, COPY, FAQ),
                List.of(COPY, SURVEY),
                List.of(HANDBOOK, FAQ, SURVEY));
        for (List<Passage> passages : calls) {
            assertThat(remembering.find(null, passages))
                    .as("passages %s", passages.stream().map(Passage::id).toList())
                    .isEqualTo(plain.find(null, passages))
                    .isNotEmpty();
            assertThat(remembering.find("How long is parental leave?", passages))
                    .isEqualTo(plain.find("How long is parental leave?", passages));
        }
    }
}
