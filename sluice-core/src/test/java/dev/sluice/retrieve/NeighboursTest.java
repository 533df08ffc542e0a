package dev.sluice.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.chunk.Chunk;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.index.LuceneIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunks around a hit, read from a real Lucene index. */
class NeighboursTest {
    @TempDir
    Path dir;

    @Test
    void should_return_the_chunks_before_and_after_a_hit_in_its_own_document_only() {
        try (LuceneIndex index = LuceneIndex.openForWriting(dir, new IndexSettings("m", "1", 2))) {
            for (String uri : List.of("file:/a", "file:/b")) {
                List<IndexedChunk> chunks = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String text = uri + " part " + i + " about tides";
                    chunks.add(new IndexedChunk(
                            new Chunk(
                                    uri + "#" + i,
                                    uri,
                                    i,
                                    "T",
                                    List.of("H"),
                                    0,
                                    0,
                                    0,
                                    text.length(),
                                    text,
                                    5,
                                    "h" + i,
                                    "test/1"),
                            new float[] {0.6f, 0.8f}));
                }
                index.replaceDocument(
                        new DocumentInfo(uri, "src", uri.substring(6) + ".txt", "text", "T", "v"), chunks);
            }
            index.commit();
            LuceneRetriever retriever = new LuceneRetriever(index, null);
            SearchHit second =
                    retriever.search(new SearchRequest("tides", SearchMode.BM25, 10, SearchFilters.NONE)).stream()
                            .filter(h -> h.chunkId().equals("file:/a#1"))
                            .findFirst()
                            .orElseThrow();

            assertThat(retriever.neighbours(second))
                    .extracting(SearchHit::chunkId)
                    .containsExactly("file:/a#0", "file:/a#2");
        }
    }
}
