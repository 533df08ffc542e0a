package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.extract.Block;
import dev.sluice.extract.ExtractedDocument;
import dev.sluice.testkit.Seeds;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
    private final TextNormalizer normalizer = new TextNormalizer();

    private static ExtractedDocument doc(Block... blocks) {
        return new ExtractedDocument(
                "file:///doc.pdf", "A\u00a0Title\n", "application/pdf", List.of(blocks), 3, Map.of("author", "Ann"));
    }

    @Test
    void should_compose_e_and_combining_acute_into_one_character() {
        assertThat(TextNormalizer.normalizeText("Caf\u0065\u0301"))
                .isEqualTo("Caf\u00e9")
                .hasSize(4);
    }

    @Test
    void should_remove_control_characters_and_turn_tabs_into_spaces() {
        assertThat(TextNormalizer.normalizeText("a\u0000b\u0007c\td\u001Be\u007Ff\u200Bg\uFEFFh"))
                .isEqualTo("abc defgh");
    }

    @Test
    void should_turn_unicode_spaces_into_plain_spaces_and_collapse_runs() {
        assertThat(TextNormalizer.normalizeText("  one\u00a0two\u2003three\u202Ffour\u3000\u3000five  "))
                .isEqualTo("one two three four five");
    }

    @Test
    void should_join_words_hyphenated_across_line_breaks_but_keep_real_hyphens() {
        assertThat(TextNormalizer.normalizeText("the infor-\nmation is well-known\nand co-\r\noperative"))
                .isEqualTo("the information is well-known and cooperative");
        assertThat(TextNormalizer.normalizeText("soft\u00ad\nhyphen and Jean-\nPaul"))
                .isEqualTo("softhyphen and Jean-Paul");
    }

    @Test
    void should_make_each_block_one_line() {
        assertThat(TextNormalizer.normalizeText("line one\nline two\r\nline three\u2028four"))
                .isEqualTo("line one line two line three four");
    }

    @Test
    void should_drop_page_number_blocks_and_keep_pages_on_neighbouring_spans() throws ItemFailure {
        NormalizedDocument normalized = normalizer.normalize(doc(
                Block.heading(1, "Intro", 1),
                Block.text("First page text.", 1),
                Block.text(" 1 ", 1),
                Block.text("Second page text.", 2),
                Block.text("Page 2 of 3", 2),
                Block.text("- 3 -", 3),
                Block.text("Third page text.", 3)));

        assertThat(normalized.text()).isEqualTo("Intro\n\nFirst page text.\n\nSecond page text.\n\nThird page text.");
        assertThat(normalized.spans()).extracting(NormalizedDocument.Span::page).containsExactly(1, 1, 2, 3);
        assertThat(normalized.spans().getFirst().heading()).isTrue();
        assertThat(normalized.spans().getFirst().headingLevel()).isEqualTo(1);
    }

    @Test
    void should_keep_numbers_in_unpaged_documents_and_in_headings() throws ItemFailure {
        NormalizedDocument normalized = normalizer.normalize(new ExtractedDocument(
                "file:///a.md",
                "a",
                "text/markdown",
                List.of(Block.heading(2, "42", 0), Block.text("42", 0)),
                0,
                Map.of()));

        assertThat(normalized.text()).isEqualTo("42\n\n42");
    }

    @Test
    void should_map_every_span_exactly_to_its_normalized_block() throws ItemFailure {
        long seed = Seeds.seed("TextNormalizerTest");
        Random random = new Random(seed);
        String alphabet = "ab c\u00a0-\n\te\u0301\u0000.\u200B";
        List<Block> blocks = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            StringBuilder raw = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                raw.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            blocks.add(
                    i % 7 == 0 ? Block.heading(1 + i % 6, raw.toString(), i / 50) : Block.text(raw.toString(), i / 50));
        }
        ExtractedDocument doc = new ExtractedDocument("file:///r.txt", "r", "text/plain", blocks, 0, Map.of());

        NormalizedDocument normalized = normalizer.normalize(doc);

        // Every block becomes one span of its own normalized text, except empty ones and those that read
        // as page numbers (a lone "c" on page 1 is the roman numeral one hundred).
        List<String> expected = blocks.stream()
                .filter(b -> {
                    String t = TextNormalizer.normalizeText(b.text());
                    return !t.isEmpty() && !TextNormalizer.isPageNumber(b, t);
                })
                .map(b -> TextNormalizer.normalizeText(b.text()))
                .toList();
        assertThat(normalized.spans()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            NormalizedDocument.Span span = normalized.spans().get(i);
            assertThat(normalized.text().substring(span.start(), span.end()))
                    .as("%s, span %d", Seeds.describe(seed), i)
                    .isEqualTo(expected.get(i));
        }
        assertThat(String.join(TextNormalizer.BLOCK_SEPARATOR, expected)).isEqualTo(normalized.text());
    }

    @Test
    void should_normalize_title_and_keep_uri_media_type_and_metadata() throws ItemFailure {
        NormalizedDocument normalized = normalizer.normalize(doc(Block.text("Body.", 1)));

        assertThat(normalized.title()).isEqualTo("A Title");
        assertThat(normalized.uri()).isEqualTo("file:///doc.pdf");
        assertThat(normalized.mediaType()).isEqualTo("application/pdf");
        assertThat(normalized.metadata()).containsEntry("author", "Ann");
    }

    @Test
    void should_quarantine_whitespace_only_document_as_empty() {
        ItemFailure failure = catchThrowableOfType(
                ItemFailure.class,
                () -> normalizer.normalize(
                        doc(Block.text(" \n\t\u00a0 ", 1), Block.heading(1, "\u200B", 1), Block.text("7", 2))));

        assertThat(failure.reason()).isEqualTo(QuarantineReason.EMPTY);
        assertThat(failure.uri()).isEqualTo("file:///doc.pdf");
        assertThat(failure.getMessage())
                .isEqualTo("no text after extraction and normalization"
                        + " (3 pages without a text layer: a scanned PDF? OCR is not enabled)");
    }

    @Test
    void should_give_the_same_text_when_normalizing_twice() {
        String once = TextNormalizer.normalizeText("infor-\nmation\u00a0 e\u0301t\u00e9\t\u0000end");

        assertThat(TextNormalizer.normalizeText(once)).isEqualTo(once);
    }

    @Test
    void should_keep_table_parts_on_spans_and_never_drop_a_row_as_a_page_number() throws ItemFailure {
        NormalizedDocument normalized = normalizer.normalize(doc(
                Block.text("Cash flows follow.", 3),
                Block.tableHeader("Years ended December 31 | 2018 | 2017 (Millions)", 3),
                Block.tableRow("2018", 3),
                Block.tableRow("Net income | 2018: $5,363 | 2017: $4,869 (Millions)", 3),
                Block.text("12", 3)));

        assertThat(normalized.spans())
                .extracting(NormalizedDocument.Span::tablePart)
                .containsExactly(
                        Block.TablePart.NONE, Block.TablePart.HEADER, Block.TablePart.ROW, Block.TablePart.ROW);
        assertThat(normalized.text()).contains("\n\n2018\n\n").doesNotEndWith("12");
    }
}
