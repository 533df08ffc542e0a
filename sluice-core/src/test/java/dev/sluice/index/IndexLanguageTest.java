package dev.sluice.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.chunk.Chunk;
import dev.sluice.core.SluiceException;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.QueryTerms;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 analysis per language, on real Lucene indexes in a temporary folder. */
class IndexLanguageTest {
    @TempDir
    Path dir;

    private static IndexSettings settings(IndexLanguage language) {
        return new IndexSettings("m", "1", 2, language);
    }

    /** One single-chunk document per text, titled "T", its URI file:/N (N its position). */
    private static void write(LuceneIndex index, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            String uri = "file:/" + i;
            index.replaceDocument(
                    new DocumentInfo(uri, "src", i + ".txt", "text", "T", "v"), List.of(chunk(uri, texts.get(i))));
        }
        index.commit();
    }

    private static IndexedChunk chunk(String uri, String text) {
        return new IndexedChunk(
                new Chunk(uri + "#0", uri, 0, "T", List.of(), 0, 0, 0, text.length(), text, 5, "h", "test/1"),
                new float[] {0.6f, 0.8f});
    }

    private static List<String> bm25(LuceneIndex index, String query) {
        return new LuceneRetriever(index, null)
                .search(new SearchRequest(query, SearchMode.BM25, 10, SearchFilters.NONE)).stream()
                        .map(SearchHit::documentUri)
                        .toList();
    }

    private List<String> indexAndSearch(IndexLanguage language, List<String> texts, String query) {
        Path folder = dir.resolve(language.code());
        try (LuceneIndex index = LuceneIndex.openForWriting(folder, settings(language))) {
            write(index, texts);
        }
        try (LuceneIndex reader = LuceneIndex.openForReading(folder)) {
            assertThat(reader.settings().language()).isEqualTo(language);
            return bm25(reader, query);
        }
    }

    @Test
    void should_find_Häuser_when_searching_Haus_in_a_German_index_and_not_in_an_English_one() {
        List<String> texts = List.of("Die Häuser am Hafen wurden 1890 gebaut.", "Der Garten liegt hinter der Scheune.");

        assertThat(indexAndSearch(IndexLanguage.DE, texts, "Haus")).containsExactly("file:/0");
        assertThat(indexAndSearch(IndexLanguage.EN, texts, "Haus")).isEmpty();
        assertThat(QueryTerms.of("Häuser", IndexLanguage.DE)).isEqualTo(QueryTerms.of("Haus", IndexLanguage.DE));
    }

    @Test
    void should_strip_French_elisions_so_avion_finds_l_avion() {
        List<String> texts = List.of("L'avion décolle à midi.", "Le train part du quai numéro trois.");

        assertThat(indexAndSearch(IndexLanguage.FR, texts, "avion")).containsExactly("file:/0");
        assertThat(QueryTerms.of("l'avion d'Air France", IndexLanguage.FR)).contains("avion", "air");
        assertThat(indexAndSearch(IndexLanguage.EN, texts, "avion")).isEmpty();
    }

    @Test
    void should_find_a_Chinese_word_inside_a_sentence_with_CJK_bigrams() {
        List<String> texts = List.of("我们明天在北京大学见面。", "上海的天气今天很好。");

        assertThat(QueryTerms.of("北京大学", IndexLanguage.ZH)).containsExactly("北京", "京大", "大学");
        assertThat(indexAndSearch(IndexLanguage.ZH, texts, "北京")).containsExactly("file:/0");
        assertThat(indexAndSearch(IndexLanguage.JA, List.of("東京タワーに行きました。", "大阪城は有名です。"), "東京"))
                .containsExactly("file:/0");
    }

    @Test
    void should_neither_stem_nor_drop_stop_words_with_the_standard_analysis() {
        assertThat(QueryTerms.of("The Running Dogs", IndexLanguage.STANDARD)).containsExactly("the", "running", "dogs");
        assertThat(QueryTerms.of("The Running Dogs", IndexLanguage.EN)).containsExactly("run", "dog");
    }

    /**
     * An index written before languages existed: EnglishAnalyzer and commit data naming only the model,
     * as {@code LuceneIndex} wrote them until now.
     */
    private void writeAsBefore(Path folder, List<String> texts) throws Exception {
        IndexSettings model = new IndexSettings("m", "1", 2);
        try (Directory directory = FSDirectory.open(folder);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new EnglishAnalyzer()))) {
            for (int i = 0; i < texts.size(); i++) {
                String uri = "file:/" + i;
                DocumentInfo doc = new DocumentInfo(uri, "src", i + ".txt", "text", "T", "v");
                List<Document> docs = new ArrayList<>();
                docs.add(ChunkDocuments.of(doc, chunk(uri, texts.get(i)), 1, model));
                writer.updateDocuments(new Term(IndexFields.DOC_URI, uri), docs);
            }
            writer.setLiveCommitData(Map.of(
                            IndexSettings.KEY_MODEL_ID, "m",
                            IndexSettings.KEY_MODEL_VERSION, "1",
                            IndexSettings.KEY_DIMENSIONS, "2")
                    .entrySet());
            writer.commit();
        }
    }

    @Test
    void should_rank_English_exactly_as_before_languages_existed() throws Exception {
        List<String> texts = List.of(
                "Running shoes for dogs: the dog runs faster in them.",
                "A cat sleeps all day; cats run at night.",
                "The runner ran a marathon with his dog.",
                "Tides rise twice a day on this coast.",
                "Quarterly revenue rose 12% on strong sales of running gear.");
        List<String> queries = List.of("running dogs", "cats", "ran", "revenue rising", "the day");
        Path before = dir.resolve("before");
        writeAsBefore(before, texts);
        Path now = dir.resolve("now");
        try (LuceneIndex index = LuceneIndex.openForWriting(now, settings(IndexLanguage.EN))) {
            write(index, texts);
        }
        try (LuceneIndex old = LuceneIndex.openForReading(before);
                LuceneIndex current = LuceneIndex.openForReading(now)) {
            assertThat(old.settings().language())
                    .as("an index that records no language is English")
                    .isEqualTo(IndexLanguage.EN);
            assertThat(bm25(old, "running dogs")).containsExactly("file:/0", "file:/2", "file:/1", "file:/4");
            assertThat(bm25(old, "cats")).containsExactly("file:/1");
            assertThat(bm25(old, "revenue rising")).containsExactly("file:/3", "file:/4");
            for (String query : queries) {
                List<SearchHit> a = new LuceneRetriever(old, null)
                        .search(new SearchRequest(query, SearchMode.BM25, 10, SearchFilters.NONE));
                List<SearchHit> b = new LuceneRetriever(current, null)
                        .search(new SearchRequest(query, SearchMode.BM25, 10, SearchFilters.NONE));
                assertThat(b)
                        .extracting(SearchHit::chunkId)
                        .containsExactlyElementsOf(
                                a.stream().map(SearchHit::chunkId).toList());
                assertThat(b)
                        .extracting(SearchHit::score)
                        .containsExactlyElementsOf(
                                a.stream().map(SearchHit::score).toList());
                assertThat(b)
                        .extracting(SearchHit::snippet)
                        .containsExactlyElementsOf(
                                a.stream().map(SearchHit::snippet).toList());
            }
        }
        try (LuceneIndex reopened = LuceneIndex.openForWriting(before, settings(IndexLanguage.EN))) {
            assertThat(reopened.settings().language())
                    .as("an English index written before languages existed takes writes as before")
                    .isEqualTo(IndexLanguage.EN);
        }
    }

    @Test
    void should_refuse_to_write_text_of_another_language_into_an_index_and_say_how_to_rebuild() {
        try (LuceneIndex index = LuceneIndex.openForWriting(dir, settings(IndexLanguage.DE))) {
            index.commit();
        }
        assertThatThrownBy(() -> LuceneIndex.openForWriting(dir, settings(IndexLanguage.EN)))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("was analyzed in language de")
                .hasMessageContaining("cannot take text analyzed in en")
                .hasMessageContaining("Set index.language: de")
                .hasMessageContaining("rebuild the index in en with sluice ingest");
        assertThat(LuceneIndex.settingsOf(dir).language()).isEqualTo(IndexLanguage.DE);
    }

    @Test
    void should_name_the_supported_languages_when_a_code_is_unknown() {
        assertThat(IndexLanguage.of(" DE ")).isEqualTo(IndexLanguage.DE);
        assertThatThrownBy(() -> IndexLanguage.of("klingon"))
                .hasMessage("unknown language \"klingon\"; supported: en, de, fr, es, it, pt, nl, sv, ru, ar, zh, ja,"
                        + " ko, standard");
    }

    @Test
    void should_analyze_every_language_with_an_analyzer_of_its_own_kind() {
        for (IndexLanguage language : IndexLanguage.values()) {
            assertThat(QueryTerms.of("Sluice 2026", language))
                    .as(language.code())
                    .contains("2026");
        }
    }
}
