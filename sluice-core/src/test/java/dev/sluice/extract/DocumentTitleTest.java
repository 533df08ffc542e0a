package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentTitleTest {
    @Test
    void should_keep_a_title_made_of_words() {
        assertThat(DocumentExtractor.meaningfulTitle("10-K - 02/07/2019 - 3M Company"))
                .isTrue();
        assertThat(DocumentExtractor.meaningfulTitle("Sluice Extraction Guide")).isTrue();
    }

    @Test
    void should_reject_identifiers_file_names_and_placeholders_as_titles() {
        assertThat(DocumentExtractor.meaningfulTitle("0001065280-18-000069")).isFalse();
        assertThat(DocumentExtractor.meaningfulTitle("report_final_v2.docx")).isFalse();
        assertThat(DocumentExtractor.meaningfulTitle("Microsoft Word - plan.doc"))
                .isFalse();
        assertThat(DocumentExtractor.meaningfulTitle("Untitled")).isFalse();
        assertThat(DocumentExtractor.meaningfulTitle("  ")).isFalse();
        assertThat(DocumentExtractor.meaningfulTitle(null)).isFalse();
    }
}
