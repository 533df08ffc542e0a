package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.index.IndexLanguage;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change of {@code index.language} rebuilds the index as a change of model does: a new generation
 * analyzed in the new language, switched to when complete; searches analyze queries in the language
 * the index records.
 */
class LanguageChangeIT {
    @TempDir
    Path dir;

    private List<String> bm25(String query) {
        try (Sluice.Searcher searcher = Sluice.openSearcher(dir.resolve("index"))) {
            return searcher.search(new SearchRequest(query, SearchMode.BM25, 5, SearchFilters.NONE)).stream()
                    .map(SearchHit::path)
                    .toList();
        }
    }

    @Test
    void should_rebuild_the_index_in_a_new_generation_when_the_language_changes() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("hafen.md"), "# Hafen\n\nDie Häuser am Hafen wurden 1890 gebaut.\n");
        Files.writeString(docs.resolve("garten.md"), "# Garten\n\nDer Garten liegt hinter der Scheune.\n");
        IngestOptions english = IngestOptions.defaults(List.of(docs), dir.resolve("index"));

        IngestReport first = Sluice.ingest(english, ProgressListener.NONE);
        assertThat(first.generation()).isEqualTo(IngestReport.Generation.SAME);
        assertThat(LuceneIndex.settingsOf(dir.resolve("index")).language()).isEqualTo(IndexLanguage.EN);
        assertThat(bm25("Haus")).as("English analysis keeps 'häuser' whole").isEmpty();

        IngestReport german = Sluice.ingest(english.withLanguage(IndexLanguage.DE), ProgressListener.NONE);
        assertThat(german.generation()).isEqualTo(IngestReport.Generation.SWITCHED);
        assertThat(german.ingested()).as("every document analyzed again").isEqualTo(2);
        assertThat(LuceneIndex.settingsOf(dir.resolve("index")).language()).isEqualTo(IndexLanguage.DE);
        assertThat(bm25("Haus")).containsExactly("hafen.md");

        IngestReport again = Sluice.ingest(english.withLanguage(IndexLanguage.DE), ProgressListener.NONE);
        assertThat(again.generation()).isEqualTo(IngestReport.Generation.SAME);
        assertThat(again.ingested())
                .as("nothing to do once the index is in the configured language")
                .isZero();
    }
}
