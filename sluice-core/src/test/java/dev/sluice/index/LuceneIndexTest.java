package dev.sluice.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.chunk.Chunk;
import dev.sluice.core.SluiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTest {
    private static final IndexSettings BGE = new IndexSettings("bge-small-en-v1.5-q", "v1", 4);

    @TempDir
    Path dir;

    static List<IndexedChunk> chunks(String uri, int n, String version) {
        List<IndexedChunk> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = version + " chunk " + i;
            Chunk c = new Chunk(
                    uri + "#" + version + i, uri, i, "T", List.of("H"), 0, 0, 0, text.length(), text, 3, "h", "test/1");
            out.add(new IndexedChunk(c, new float[] {0.5f, 0.5f, 0.5f, 0.5f}));
        }
        return out;
    }

    static DocumentInfo doc(String uri, String version) {
        return new DocumentInfo(uri, "src", "a.txt", "text", "T", version);
    }

    @Test
    void should_replace_all_chunks_of_a_document_with_the_new_version() throws Exception {
        try (LuceneIndex index = LuceneIndex.openForWriting(dir, BGE)) {
            index.replaceDocument(doc("file:/a", "v1"), chunks("file:/a", 5, "v1"));
            index.replaceDocument(doc("file:/b", "v1"), chunks("file:/b", 2, "v1"));
            index.commit();
            assertThat(index.chunkCount()).isEqualTo(7);
            index.replaceDocument(doc("file:/a", "v2"), chunks("file:/a", 3, "v2"));
            index.commit();
            assertThat(index.chunkCount()).isEqualTo(5);
            IndexSearcher searcher = index.acquire();
            try {
                assertThat(searcher.count(new TermQuery(new Term(IndexFields.DOC_HASH, "v1"))))
                        .isEqualTo(2);
                assertThat(searcher.count(new TermQuery(new Term(IndexFields.DOC_HASH, "v2"))))
                        .isEqualTo(3);
            } finally {
                index.release(searcher);
            }
            index.deleteDocument("file:/a");
            index.commit();
            assertThat(index.chunkCount()).isEqualTo(2);
        }
    }

    @Test
    void should_give_each_document_the_last_page_its_chunks_reach_and_0_when_it_has_no_pages() {
        try (LuceneIndex index = LuceneIndex.openForWriting(dir, BGE)) {
            List<IndexedChunk> paged = new ArrayList<>();
            int[][] pages = {{1, 1}, {1, 3}, {3, 4}, {4, 4}};
            for (int i = 0; i < pages.length; i++) {
                String text = "chunk " + i;
                paged.add(new IndexedChunk(
                        new Chunk(
                                "file:/r.pdf#" + i,
                                "file:/r.pdf",
                                i,
                                "T",
                                List.of(),
                                pages[i][0],
                                pages[i][1],
                                0,
                                text.length(),
                                text,
                                2,
                                "h",
                                "test/1"),
                        new float[] {0.5f, 0.5f, 0.5f, 0.5f}));
            }
            index.replaceDocument(new DocumentInfo("file:/r.pdf", "src", "r.pdf", "pdf", "T", "v1"), paged);
            index.replaceDocument(doc("file:/a", "v1"), chunks("file:/a", 2, "v1"));
            index.commit();
            assertThat(index.lastPages()).containsOnly(Map.entry("file:/r.pdf", 4), Map.entry("file:/a", 0));
            index.replaceDocument(
                    new DocumentInfo("file:/r.pdf", "src", "r.pdf", "pdf", "T", "v2"), paged.subList(0, 2));
            index.commit();
            assertThat(index.lastPages())
                    .as("the chunks of the replaced version are gone")
                    .containsEntry("file:/r.pdf", 3);
        }
    }

    @Test
    void should_publish_nothing_to_other_processes_before_commit() {
        try (LuceneIndex writer = LuceneIndex.openForWriting(dir, BGE)) {
            writer.replaceDocument(doc("file:/a", "v1"), chunks("file:/a", 2, "v1"));
            try (LuceneIndex reader = LuceneIndex.openForReading(dir)) {
                assertThat(reader.chunkCount()).isZero();
            }
            writer.commit();
            try (LuceneIndex reader = LuceneIndex.openForReading(dir)) {
                assertThat(reader.chunkCount()).isEqualTo(2);
                assertThat(reader.settings()).isEqualTo(BGE);
            }
        }
    }

    @Test
    void should_refuse_vectors_of_another_model_in_an_existing_index() {
        try (LuceneIndex index = LuceneIndex.openForWriting(dir, BGE)) {
            index.commit();
        }
        IndexSettings other = new IndexSettings("all-minilm-l6-v2-q", "v1", 4);
        assertThatThrownBy(() -> LuceneIndex.openForWriting(dir, other))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("holds vectors from bge-small-en-v1.5-q")
                .hasMessageContaining("--model bge-small-en-v1.5-q");
    }

    @Test
    void should_say_how_to_build_an_index_when_there_is_none() {
        assertThatThrownBy(() -> LuceneIndex.openForReading(dir.resolve("missing")))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("sluice ingest");
    }

    @Test
    void should_refuse_a_second_writer_with_a_clear_message() {
        try (LuceneIndex first = LuceneIndex.openForWriting(dir, BGE)) {
            assertThat(first.path()).isEqualTo(dir);
            assertThatThrownBy(() -> LuceneIndex.openForWriting(dir, BGE))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("another Sluice process");
        }
    }
}
