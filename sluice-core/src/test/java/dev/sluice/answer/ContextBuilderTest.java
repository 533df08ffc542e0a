package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.retrieve.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextBuilderTest {
    private static SearchHit chunk(String doc, int ordinal, String heading, String text) {
        return onPage(doc, ordinal, heading, 0, text);
    }

    private static SearchHit onPage(String doc, int ordinal, String heading, int page, String text) {
        return new SearchHit(
                1,
                1f,
                doc + "#" + ordinal,
                "file:///" + doc,
                "docs",
                doc,
                "markdown",
                doc,
                List.of(heading),
                page,
                page,
                ordinal,
                0,
                text.length(),
                "heading-aware/3",
                "m",
                "1",
                text,
                text);
    }

    @Test
    void should_drop_repeated_chunks_and_repeated_text_and_number_the_rest_in_order() {
        List<ContextChunk> context = new ContextBuilder(8, 1000)
                .build(List.of(
                        chunk("a", 0, "H", "Tides follow the moon."),
                        chunk("a", 0, "H", "Tides follow the moon."),
                        chunk("copy", 3, "H", "tides   follow the MOON."),
                        chunk("b", 1, "H", "Spring tides are high.")));
        assertThat(context).extracting(c -> c.hit().chunkId()).containsExactly("a#0", "b#1");
        assertThat(context).extracting(ContextChunk::number).containsExactly(1, 2);
    }

    @Test
    void should_keep_within_the_token_budget_but_always_keep_the_best_passage() {
        String big = "x".repeat(400); // 100 estimated tokens
        List<ContextChunk> context = new ContextBuilder(8, 110)
                .build(List.of(
                        chunk("a", 0, "H", big), chunk("b", 0, "H", "y".repeat(400)), chunk("c", 0, "H", "short one")));
        assertThat(context).extracting(c -> c.hit().chunkId()).containsExactly("a#0", "c#0");
    }

    @Test
    void should_add_a_neighbour_of_the_same_section_right_after_its_passage() {
        SearchHit hit = chunk("a", 1, "Install", "Then run the installer.");
        SearchHit before = chunk("a", 0, "Install", "First download the package.");
        SearchHit otherSection = chunk("a", 2, "Uninstall", "Remove the folder.");
        SearchHit second = chunk("b", 0, "FAQ", "It takes a minute.");

        List<ContextChunk> context = new ContextBuilder(8, 1000)
                .build(List.of(hit, second), h -> h == hit ? List.of(before, otherSection) : List.of());

        assertThat(context).extracting(c -> c.hit().chunkId()).containsExactly("a#1", "a#0", "b#0");
        assertThat(context).extracting(ContextChunk::number).containsExactly(1, 2, 3);
    }

    @Test
    void should_add_a_neighbour_of_a_paged_document_only_from_the_same_page() {
        SearchHit hit = onPage("report.pdf", 5, "", 60, "Purchases of property, plant and equipment | (1,577)");
        SearchHit samePage = onPage("report.pdf", 4, "", 60, "Consolidated Statement of Cash Flows | 2018 (Millions)");
        SearchHit nextPage = onPage("report.pdf", 6, "", 61, "Notes to the financial statements begin here.");

        List<ContextChunk> context = new ContextBuilder(8, 1000)
                .build(List.of(hit), h -> h == hit ? List.of(samePage, nextPage) : List.of());

        assertThat(context).extracting(c -> c.hit().chunkId()).containsExactly("report.pdf#5", "report.pdf#4");
    }

    @Test
    void should_not_widen_past_the_passage_limit() {
        SearchHit hit = chunk("a", 1, "H", "one");
        List<ContextChunk> context =
                new ContextBuilder(1, 1000).build(List.of(hit), h -> List.of(chunk("a", 0, "H", "zero")));
        assertThat(context).extracting(c -> c.hit().chunkId()).containsExactly("a#1");
    }

    @Test
    void should_say_why_each_candidate_was_left_out() {
        ContextBuilder builder = new ContextBuilder(2, 110);
        builder.build(List.of(
                chunk("a", 0, "H", "x".repeat(400)),
                chunk("copy", 3, "H", "X".repeat(400)),
                chunk("b", 0, "H", "y".repeat(400)),
                chunk("c", 0, "H", "short one"),
                chunk("d", 0, "H", "another short one")));
        assertThat(builder.dropped())
                .containsExactly(
                        java.util.Map.entry("copy#3", "duplicate"),
                        java.util.Map.entry("b#0", "budget"),
                        java.util.Map.entry("d#0", "max_chunks"));
    }
}
