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
    private static final List<String> FILES =
            List.of("rivers.md", "bread.md", "planets.md", "security.md", "tennis.txt");

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
        assertThat(report.ingested()).isEqualTo(5);
        searcher = Sluice.openSearcher(work.resolve("index"));
    }

    @AfterAll
    static void close() {
        searcher.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bm25   | water flow canal gate           | rivers.md bread.md",
                "dense  | how do I control a river's flow | rivers.md",
                "hybrid | how do I control a river's flow | rivers.md",
                "bm25   | how long must passwords be      | security.md",
                "dense  | rules for choosing a password   | security.md",
                "hybrid | rules for choosing a password   | security.md",
                "dense  | gas giant planets               | planets.md",
                "hybrid | racket sports                   | tennis.txt",
            })
    void should_rank_the_golden_corpus_exactly(String mode, String query, String expectedTop) {
        List<String> expected = List.of(expectedTop.trim().split(" "));
        List<String> ranked = searcher
                .search(new SearchRequest(
                        query.trim(),
                        SearchMode.valueOf(mode.trim().toUpperCase(java.util.Locale.ROOT)),
                        5,
                        SearchFilters.NONE))
                .stream()
                .map(SearchHit::path)
                .toList();
        assertThat(ranked.subList(0, expected.size()))
                .as("%s top of %s", mode, ranked)
                .isEqualTo(expected);
        if (mode.trim().equals("bm25")) {
            // BM25 returns only documents that share a term with the query.
            assertThat(ranked).doesNotContain("planets.md", "tennis.txt");
        } else {
            assertThat(ranked).as("dense and hybrid rank every chunk").hasSize(5);
        }
    }
}
