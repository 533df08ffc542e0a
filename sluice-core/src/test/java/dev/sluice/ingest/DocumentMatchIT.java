package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.retrieve.DocumentMatch;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three filings of two issuers that say the same sentence with other figures: attributes read at ingest
 * (issuer, form, year) make a question that names the issuer and year rank that filing first in hybrid
 * search, without filtering the others out.
 */
class DocumentMatchIT {
    @TempDir
    static Path work;

    static Sluice.Searcher boosted;
    static Sluice.Searcher plain;

    private static String filing(String issuer, int year, String capex) {
        return "# Annual report\n\nFORM 10-K\n\nFor the fiscal year ended December 31, " + year + "\n\n"
                + "Commission file number 1-1234\n\n" + issuer
                + "\n\n(Exact name of registrant as specified in its charter)"
                + "\n\n## Cash flows\n\nPurchases of property, plant and equipment were " + capex
                + " million dollars, used for new plants and equipment.\n";
    }

    @BeforeAll
    static void ingest() throws Exception {
        Path corpus = Files.createDirectories(work.resolve("filings"));
        Files.writeString(corpus.resolve("ACME_2021_10K.md"), filing("ACME CORPORATION", 2021, "1,210"));
        Files.writeString(corpus.resolve("ACME_2022_10K.md"), filing("ACME CORPORATION", 2022, "1,577"));
        Files.writeString(corpus.resolve("GLOBEX_2022_10K.md"), filing("GLOBEX INC.", 2022, "2,040"));
        IngestReport report =
                Sluice.ingest(IngestOptions.defaults(List.of(corpus), work.resolve("index")), ProgressListener.NONE);
        assertThat(report.ingested()).isEqualTo(3);
        boosted = Sluice.openSearcher(work.resolve("index"));
        plain = Sluice.openSearcher(work.resolve("index"), RetrievalSettings.DEFAULTS.withDocumentMatch(false));
    }

    @AfterAll
    static void close() {
        boosted.close();
        plain.close();
    }

    private static List<String> paths(Sluice.Searcher searcher, String question) {
        return searcher.search(new SearchRequest(question, SearchMode.HYBRID, 10, SearchFilters.NONE)).stream()
                .map(SearchHit::path)
                .distinct()
                .toList();
    }

    @Test
    void should_match_the_issuer_and_the_latest_year_a_question_names() {
        DocumentMatch match = boosted.match("What was Acme's capital expenditure from FY2021 to FY2022?");
        assertThat(match.aliases()).containsExactly("acme");
        assertThat(match.year()).isEqualTo(2022);
        assertThat(match.describe()).isEqualTo("issuer acme, year 2022");
        assertThat(boosted.match("What was the capital expenditure?").matched()).isFalse();
        assertThat(plain.match("What was Acme's capital expenditure in FY2022?").matched())
                .isFalse();
    }

    @Test
    void should_rank_the_named_filing_first_and_keep_the_others() {
        String question = "What were Acme's purchases of property, plant and equipment in fiscal 2022?";
        List<String> ranked = paths(boosted, question);
        assertThat(ranked.getFirst()).isEqualTo("ACME_2022_10K.md");
        assertThat(ranked).contains("GLOBEX_2022_10K.md", "ACME_2021_10K.md"); // boosted, never filtered
        assertThat(paths(boosted, "What were Globex's purchases of property, plant and equipment in 2022?")
                        .getFirst())
                .isEqualTo("GLOBEX_2022_10K.md");
    }

    @Test
    void should_say_in_the_search_json_what_the_question_named() {
        String question = "What were Acme's purchases of equipment in FY2022?";
        SearchRequest request = new SearchRequest(question, SearchMode.HYBRID, 3, SearchFilters.NONE);
        var json = dev.sluice.JsonViews.search(
                request,
                dev.sluice.retrieve.SearchResult.firstStage(boosted.search(request))
                        .withMatch(boosted.match(question)));
        assertThat(json.get("documentMatch"))
                .isEqualTo(java.util.Map.of("matched", true, "issuers", List.of("acme"), "year", 2022));
        var none = dev.sluice.JsonViews.search(request, dev.sluice.retrieve.SearchResult.firstStage(List.of()));
        assertThat(none.get("documentMatch")).isEqualTo(java.util.Map.of("matched", false));
    }

    @Test
    void should_filter_on_the_issuer_and_year_read_from_the_cover_inside_the_query() {
        SearchFilters acme2021 = SearchFilters.NONE.withDocuments(List.of("Acme Corporation"), 2021);
        assertThat(acme2021.issuers()).containsExactly("acme");
        for (SearchMode mode : SearchMode.values()) {
            assertThat(plain.search(new SearchRequest("purchases of equipment", mode, 10, acme2021)).stream()
                            .map(SearchHit::path)
                            .distinct()
                            .toList())
                    .as(mode.label())
                    .containsExactly("ACME_2021_10K.md");
        }
        assertThat(plain.search(new SearchRequest(
                        "purchases of equipment",
                        SearchMode.BM25,
                        10,
                        SearchFilters.NONE.withDocuments(List.of("globex"), 0))))
                .extracting(SearchHit::path)
                .containsOnly("GLOBEX_2022_10K.md");
        assertThat(plain.search(new SearchRequest(
                        "purchases of equipment",
                        SearchMode.BM25,
                        10,
                        SearchFilters.NONE.withDocuments(List.of(), 2030))))
                .isEmpty();
    }

    @Test
    void should_embed_a_chunk_with_its_header_anew_rather_than_reuse_the_vector_of_the_same_text_alone()
            throws Exception {
        Path corpus = Files.createDirectories(work.resolve("cache"));
        String text = "# Notes\n\nThe plant was expanded with new presses and a second line for cans.\n";
        Files.writeString(corpus.resolve("notes.md"), text);
        Path index = work.resolve("cache-index");
        IngestReport first = Sluice.ingest(IngestOptions.defaults(List.of(corpus), index), ProgressListener.NONE);
        assertThat(first.embeddingsComputed()).isEqualTo(1);

        Files.writeString(corpus.resolve("ACME_2022_10K.md"), text); // same text; its name gives a header
        IngestReport second = Sluice.ingest(IngestOptions.defaults(List.of(corpus), index), ProgressListener.NONE);
        assertThat(second.embeddingsReused())
                .as("no vector of the text alone is reused")
                .isZero();
        assertThat(second.embeddingsComputed()).isEqualTo(1);

        Files.writeString(corpus.resolve("copy-of-notes.md"), text); // no header: the text's own vector serves
        IngestReport third = Sluice.ingest(IngestOptions.defaults(List.of(corpus), index), ProgressListener.NONE);
        assertThat(third.embeddingsReused()).isEqualTo(1);
        assertThat(third.embeddingsComputed()).isZero();
    }

    @Test
    void should_keep_the_chunk_text_free_of_the_context_header() {
        SearchHit hit = boosted.search(new SearchRequest(
                        "Acme purchases of property plant equipment 2022", SearchMode.HYBRID, 1, SearchFilters.NONE))
                .getFirst();
        assertThat(hit.text()).doesNotContain("·");
    }
}
