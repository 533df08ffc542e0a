package dev.sluice.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Attributes read from covers as the real filings write them (text as Tika extracts it) and from file names. */
class AttributeReaderTest {
    private static final String ADOBE_COVER =
            "UNITED STATES SECURITIES AND EXCHANGE COMMISSION Washington, D.C. 20549\n"
                    + "_____________________________\nFORM 10-K\n(Mark One)\n☒ ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE"
                    + " SECURITIES EXCHANGE ACT OF 1934\nFor the fiscal year ended December 2, 2022\nor\n☐ TRANSITION REPORT"
                    + "\nCommission File Number: 0-15175\nADOBE INC.\n(Exact name of registrant as specified in its charter)\n"
                    + "Delaware 77-0019522";

    @Test
    void should_read_issuer_form_and_fiscal_year_from_a_10k_cover() {
        DocumentAttributes a = AttributeReader.read(ADOBE_COVER, "filings/ADOBE_2022_10K.pdf");
        assertThat(a.issuer()).isEqualTo("Adobe Inc.");
        assertThat(a.docType()).isEqualTo("10-K");
        assertThat(a.year()).isEqualTo(2022);
        assertThat(a.quarter()).isZero();
        assertThat(a.aliases()).containsExactly("adobe");
        assertThat(a.header(List.of("Item 8", "Consolidated Balance Sheets")))
                .isEqualTo("Adobe Inc. · 10-K · fiscal year 2022 · Item 8 · Consolidated Balance Sheets");
    }

    @Test
    void should_read_the_quarter_a_10q_covers_from_the_day_its_period_ends() {
        String cover = "FORM 10-Q\n☒ QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d)\nFor the quarterly period ended"
                + " July\u00a02, 2023\nOR\n☐ TRANSITION REPORT\nCOMMISSION FILE NUMBER 1-3619\n----\nPFIZER INC.\n"
                + "(Exact name of registrant as specified in its charter)";
        DocumentAttributes a = AttributeReader.read(cover, "Pfizer_2023Q2_10Q.pdf");
        assertThat(a.issuer()).isEqualTo("Pfizer Inc.");
        assertThat(a.docType()).isEqualTo("10-Q");
        assertThat(a.period()).isEqualTo("Q2 2023"); // ended July 2: the second quarter
        assertThat(a.aliases()).containsExactly("pfizer");
    }

    @Test
    void should_join_small_capitals_that_extraction_split_and_keep_the_distinctive_first_word() {
        String cover = "For the fiscal year ended December 31, 2018\nCommission File No. 001-10362\n"
                + "MGM R ESORTS I NTERNATIONAL\n(Exact name of Registrant as specified in its charter)";
        DocumentAttributes a = AttributeReader.read(cover, "MGMRESORTS_2018_10K.pdf");
        assertThat(a.issuer()).isEqualTo("Mgm Resorts International");
        assertThat(a.aliases()).contains("mgm resorts international", "mgm");
    }

    @Test
    void should_fall_back_to_the_file_name_and_find_how_the_cover_spells_it() {
        String cover = "FORM 10-K\nFor the fiscal year ended January 28, 2017\nBEST BUY CO., INC.\n(State or other"
                + " jurisdiction of incorporation)";
        DocumentAttributes a = AttributeReader.read(cover, "filings/BESTBUY_2017_10K.pdf");
        assertThat(a.issuer()).isEqualTo("Best Buy");
        assertThat(a.year()).isEqualTo(2017);
        assertThat(a.aliases()).contains("bestbuy", "best buy").doesNotContain("best");
    }

    @Test
    void should_read_a_quarter_of_an_earnings_release() {
        String cover = "FOR IMMEDIATE RELEASE\n• 2022 Fourth-Quarter reported sales decline of 4.4% to $23.7 Billion";
        DocumentAttributes a = AttributeReader.read(cover, "JOHNSON_JOHNSON_2022Q4_EARNINGS.pdf");
        assertThat(a.docType()).isEqualTo("press release");
        assertThat(a.period()).isEqualTo("Q4 2022");
        assertThat(a.issuer()).isEqualTo("Johnson Johnson");
    }

    @Test
    void should_know_nothing_of_an_abstract_or_a_note_named_by_one_word() {
        assertThat(AttributeReader.read("Dietary fat and breast cancer: a cohort of 2019 women.", "4983.md")
                        .isEmpty())
                .isTrue();
        assertThat(AttributeReader.read("# Notes\nWe met on Monday.", "notes.md")
                        .isEmpty())
                .isTrue();
        assertThat(AttributeReader.read("", null)).isEqualTo(DocumentAttributes.NONE);
    }

    @Test
    void should_round_trip_through_the_stored_map() {
        DocumentAttributes a = AttributeReader.read(ADOBE_COVER, "ADOBE_2022_10K.pdf");
        assertThat(DocumentAttributes.fromMap(a.toMap())).isEqualTo(a);
    }
}
