package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A five-document corpus and the exact ranked output for a few queries in each mode: any change to
 * analysis, chunking, embedding or fusion that reorders these results shows up here.
 */
class GoldenSearchIT {
    private static final List<String> FILES = List.of(
            "rivers.md",
            "bread.md",
            "planets.md",
            "security.md",
            "tennis.txt",
            "canals.md",
            "glaciers.md",
            "coffee.md",
            "volcanoes.md",
            "chess.txt",
            "gardening.md",
            "accounts.md");

    @TempDir
    static Path work;

    static Sluice.Searcher searcher;

    @BeforeAll
    static void ingest() throws Exception {
        Path corpus = Files.createDirectories(work.resolve("golden"));
        for (String name : FILES) {
            try (var in = GoldenSearchIT.class.getResourceAsStream("/golden/" + name)) {
                Files.copy(in, corpus.resolve(name));
            }
        }
        IngestReport report =
                Sluice.ingest(IngestOptions.defaults(List.of(corpus), work.resolve("index")), ProgressListener.NONE);
        assertThat(report.ingested()).isEqualTo(FILES.size());
        searcher = Sluice.openSearcher(work.resolve("index"));
    }

    @AfterAll
    static void close() {
        searcher.close();
    }

    /**
     * The whole top 10, in order (each document is one chunk): BM25 lists only documents sharing a
     * term with the query; dense and hybrid rank ten of the twelve. These are the outputs recorded from
     * the current analysis, chunking, model and fusion, not relevance judgments (coffee.md comes third
     * for "hot drink in the morning"): any change that reorders them must be looked at and re-recorded
     * on purpose.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bm25   | water flow canal gate           | rivers.md canals.md gardening.md volcanoes.md coffee.md bread.md",
                "dense  | how do I control a river's flow | rivers.md canals.md gardening.md glaciers.md coffee.md volcanoes.md chess.txt accounts.md bread.md security.md",
                "hybrid | how do I control a river's flow | rivers.md canals.md glaciers.md chess.txt volcanoes.md gardening.md coffee.md accounts.md bread.md security.md",
                "bm25   | how long must passwords be      | security.md accounts.md",
                "dense  | rules for choosing a password   | security.md accounts.md canals.md chess.txt bread.md rivers.md coffee.md gardening.md volcanoes.md tennis.txt",
                "hybrid | rules for choosing a password   | security.md accounts.md canals.md chess.txt bread.md rivers.md coffee.md gardening.md volcanoes.md tennis.txt",
                "dense  | gas giant planets               | planets.md volcanoes.md gardening.md security.md glaciers.md tennis.txt chess.txt accounts.md coffee.md bread.md",
                "hybrid | racket sports                   | tennis.txt chess.txt canals.md rivers.md planets.md gardening.md security.md glaciers.md accounts.md volcanoes.md",
                "bm25   | ice melting into rivers         | glaciers.md rivers.md planets.md canals.md",
                "hybrid | hot drink in the morning        | bread.md gardening.md coffee.md volcanoes.md planets.md glaciers.md rivers.md chess.txt canals.md tennis.txt",
            })
    void should_rank_the_golden_corpus_exactly(String mode, String query, String expectedTop10) {
        List<String> expected = List.of(expectedTop10.trim().split(" "));
        List<String> ranked = searcher
                .search(new SearchRequest(
                        query.trim(),
                        SearchMode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT)),
                        10,
                        SearchFilters.NONE))
                .stream()
                .map(SearchHit::path)
                .toList();
        assertThat(ranked).as("%s top 10 for '%s'", mode.trim(), query.trim()).isEqualTo(expected);
    }
}
