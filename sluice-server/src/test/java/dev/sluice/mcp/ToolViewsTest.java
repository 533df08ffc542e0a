package dev.sluice.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.retrieve.SearchHit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolViewsTest {
    static SearchHit chunk(String text, int start, int end, int ordinal) {
        return new SearchHit(
                0,
                0f,
                "c" + ordinal,
                "file:///d.md",
                "s",
                "d.md",
                "markdown",
                "D",
                List.of("Intro"),
                3,
                4,
                ordinal,
                start,
                end,
                "v1",
                "m",
                "1",
                text,
                "");
    }

    @Test
    void should_join_overlapping_chunks_into_the_document_text_once() {
        String doc = "Alpha beta gamma delta epsilon zeta";
        List<SearchHit> chunks = List.of(
                chunk(doc.substring(0, 16), 0, 16, 0), chunk(doc.substring(11, 29), 11, 29, 1),
                chunk(doc.substring(17, 29), 17, 29, 2), chunk(doc.substring(29), 29, doc.length(), 3));

        assertThat(ToolViews.joined(chunks)).isEqualTo(doc);
    }

    @Test
    void should_keep_a_chunk_whole_when_its_text_does_not_match_its_offsets() {
        List<SearchHit> chunks = List.of(chunk("First part.", 0, 11, 0), chunk("Table | row", 5, 40, 1));

        assertThat(ToolViews.joined(chunks)).isEqualTo("First part.\n\nTable | row");
    }

    @Test
    void should_write_a_citation_line_with_title_pages_section_document_and_chunk() {
        Map<String, Object> c =
                ToolViews.citation("file:///d.md", "c1", "hr", "d.md", "Leave", List.of("Parental", "Pay"), 3, 4);

        assertThat(ToolViews.line("[2]", c))
                .isEqualTo("[2] Leave — hr:d.md pp.3-4 § Parental > Pay (document file:///d.md, chunk c1)");
    }
}
