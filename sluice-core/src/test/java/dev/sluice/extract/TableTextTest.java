package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a table cell holds, and the one written form of a table. */
class TableTextTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "1,577", "(1,577)", "$5,363", "$ 5,363", "$(25.3)", "12.5%", "(3)%", "-9.0%", ".25", "2.1:1", "\u2014",
                "-", "n/a", "*", "3,767", "2018"
            })
    void should_take_amounts_dashes_and_marks_as_values(String cell) {
        assertThat(TableText.isValue(cell)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Item 7", "Net income", "December 31,", "2018 vs. 2017", "(Millions)", "Page", ""})
    void should_not_take_words_as_values(String cell) {
        assertThat(TableText.isValue(cell)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(Millions)",
                "(Dollars in millions)",
                "(in thousands, except per share)",
                "In millions",
                "($ in millions)",
                "(Amounts in millions, except per share amounts)",
                "(MILLIONS)"
            })
    void should_recognize_units_phrases(String text) {
        assertThat(TableText.isUnits(text)).isTrue();
    }

    @Test
    void should_find_units_inside_a_caption_and_not_in_prose() {
        assertThat(TableText.findUnits("Selected highlights follow (in millions):"))
                .isEqualTo("(in millions)");
        assertThat(TableText.isUnits("Sales grew by millions of units in the year."))
                .isFalse();
        assertThat(TableText.findUnits("Sales grew by millions of units.")).isEmpty();
    }

    @Test
    void should_write_rows_with_the_lowest_header_when_it_tells_the_columns_apart() {
        TableText.Table table = TableText.Table.of(
                "Net sales",
                List.of(
                        List.of("Year ended December 31,", "2020"),
                        List.of("Year ended December 31,", "2019"),
                        List.of("% change", "20 vs. 19")),
                "(in millions)",
                List.of(
                        new TableText.Row("Display", List.of("$ 3,172", "$ 3,254", "(3)%")),
                        new TableText.Row("Optical", List.of("3,563", "", "(12)%")),
                        new TableText.Row("Segments", List.of())));

        assertThat(TableText.headerLine(table))
                .isEqualTo(
                        "Net sales | Year ended December 31, 2020 | Year ended December 31, 2019 | % change 20 vs. 19"
                                + " (in millions)");
        assertThat(TableText.blocks(table, 4))
                .extracting(Block::text)
                .containsExactly(
                        TableText.headerLine(table),
                        "Display | $3,172 | $3,254 | (3)%",
                        "Optical | 3,563 |  | (12)%",
                        "Segments");
        assertThat(TableText.blocks(table, 4)).extracting(Block::page).containsOnly(4);
    }
}
