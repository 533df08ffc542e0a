package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.backend.IndexBackend;
import dev.sluice.backend.SearchIndex;
import dev.sluice.core.SluiceException;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The write side of the index seam ({@link ChunkIndex} through {@link IndexBackend}): atomic replacement for
 * readers, deletion, visibility only after commit, discarding, the listings, and generations. Small
 * hand-made vectors: the engine's bookkeeping, not ranking, is under test here.
 */
public abstract class ChunkIndexContract extends IndexBackendFixture {
    protected static final IndexSettings MODEL_A = new IndexSettings("model-a", "1", 4);
    protected static final IndexSettings MODEL_B = new IndexSettings("model-b", "1", 4);
    private static final float[] V = {0.5f, 0.5f, 0.5f, 0.5f};

    private static List<IndexedChunk> version(String uri, String version, int n) {
        return chunks(
                uri, IntStream.range(0, n).mapToObj(i -> version + " part " + i).toList(), List.of(V));
    }

    private static List<String> texts(SearchIndex reader, String uri) {
        return reader.retriever(RetrievalSettings.DEFAULTS, null).chunksOf(uri).stream()
                .map(SearchHit::text)
                .toList();
    }

    @Test
    void should_show_readers_a_replaced_document_only_after_commit_and_then_only_its_new_chunks() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, MODEL_A);
        writer.replaceDocument(document("file:/a.txt", "v1"), version("file:/a.txt", "v1", 5));
        writer.commit();
        SearchIndex reader = reader(backend);
        assertThat(texts(reader, "file:/a.txt")).hasSize(5).allMatch(t -> t.startsWith("v1"));

        writer.replaceDocument(document("file:/a.txt", "v2"), version("file:/a.txt", "v2", 3));
        reader.refresh();
        assertThat(texts(reader, "file:/a.txt")).hasSize(5).allMatch(t -> t.startsWith("v1"));

        writer.commit();
        reader.refresh();
        assertThat(texts(reader, "file:/a.txt")).containsExactly("v2 part 0", "v2 part 1", "v2 part 2");
        assertThat(reader.chunkCount()).isEqualTo(3);
    }

    @Test
    void should_never_show_a_mix_of_two_versions_while_a_writer_replaces_a_document() throws Exception {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, MODEL_A);
        writer.replaceDocument(document("file:/a.txt", "v0"), version("file:/a.txt", "v0", 4));
        writer.commit();
        SearchIndex reader = reader(backend);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writing = Thread.ofPlatform().name("contract-writer").start(() -> {
            try {
                for (int round = 1; round <= 20; round++) {
                    writer.replaceDocument(
                            document("file:/a.txt", "v" + round), version("file:/a.txt", "v" + round, 4 + round % 3));
                    writer.commit();
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        List<List<String>> seen = new ArrayList<>();
        while (writing.isAlive()) {
            reader.refresh();
            seen.add(texts(reader, "file:/a.txt"));
        }
        writing.join();
        assertThat(failed.get()).isNull();
        for (List<String> view : seen) {
            assertThat(view).isNotEmpty();
            String version = view.getFirst().substring(0, view.getFirst().indexOf(' '));
            int round = Integer.parseInt(version.substring(1));
            assertThat(view).as("one version, all of its chunks").allMatch(t -> t.startsWith(version + " "));
            assertThat(view).hasSize(round == 0 ? 4 : 4 + round % 3);
        }
    }

    @Test
    void should_remove_every_chunk_of_a_deleted_document_and_keep_the_others() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, MODEL_A);
        writer.replaceDocument(document("file:/a.txt", "v1"), version("file:/a.txt", "v1", 3));
        writer.replaceDocument(document("file:/b.txt", "v1"), version("file:/b.txt", "v1", 2));
        writer.commit();
        writer.deleteDocument("file:/a.txt");
        writer.commit();

        SearchIndex reader = reader(backend);
        assertThat(reader.documentUris()).containsExactly("file:/b.txt");
        assertThat(reader.chunkCount()).isEqualTo(2);
        assertThat(writer.chunkCount()).isEqualTo(2);
        assertThat(texts(reader, "file:/a.txt")).isEmpty();
    }

    @Test
    void should_drop_every_change_since_the_last_commit_when_discarded() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, MODEL_A);
        writer.replaceDocument(document("file:/a.txt", "v1"), version("file:/a.txt", "v1", 3));
        writer.replaceDocument(document("file:/c.txt", "v1"), version("file:/c.txt", "v1", 1));
        writer.commit();
        writer.replaceDocument(document("file:/a.txt", "v2"), version("file:/a.txt", "v2", 2));
        writer.replaceDocument(document("file:/b.txt", "v1"), version("file:/b.txt", "v1", 2));
        writer.deleteDocument("file:/c.txt");

        writer.discardUncommitted();
        writer.commit();

        SearchIndex reader = reader(backend);
        assertThat(reader.documentUris()).containsExactlyInAnyOrder("file:/a.txt", "file:/c.txt");
        assertThat(texts(reader, "file:/a.txt")).hasSize(3).allMatch(t -> t.startsWith("v1"));
    }

    @Test
    void should_list_the_documents_and_last_pages_a_writer_wrote_before_its_commit() {
        IndexBackend backend = backend();
        ChunkIndex writer = writer(backend, MODEL_A);
        writer.replaceDocument(document("file:/a.txt", "v1"), version("file:/a.txt", "v1", 3));
        writer.commit();
        writer.replaceDocument(document("file:/b.txt", "v1"), version("file:/b.txt", "v1", 2));
        writer.deleteDocument("file:/a.txt");

        assertThat(writer.documentUris()).containsExactly("file:/b.txt");
        assertThat(writer.lastPages()).isEqualTo(Map.of("file:/b.txt", 2));
        writer.commit();
        assertThat(reader(backend).lastPages()).isEqualTo(Map.of("file:/b.txt", 2));
    }

    @Test
    void should_keep_searches_on_the_active_generation_until_the_new_one_is_activated() throws Exception {
        IndexBackend backend = backend();
        assertThat(backend.activeSettings()).isNull();
        ChunkIndex first = writer(backend, MODEL_A);
        first.replaceDocument(document("file:/a.txt", "v1"), version("file:/a.txt", "v1", 2));
        first.commit();
        assertThat(first.buildingNewGeneration()).isFalse();
        SearchIndex before = reader(backend);

        ChunkIndex next = opened(backend.openNewGeneration(MODEL_B));
        assertThat(next.buildingNewGeneration()).isTrue();
        next.replaceDocument(document("file:/b.txt", "v1"), version("file:/b.txt", "v1", 2));
        next.commit();
        assertThat(backend.activeSettings()).isEqualTo(MODEL_A);
        assertThat(reader(backend).documentUris()).containsExactly("file:/a.txt");
        assertThat(before.superseded()).isFalse();

        next.activateGeneration();

        assertThat(backend.activeSettings()).isEqualTo(MODEL_B);
        SearchIndex after = reader(backend);
        assertThat(after.settings()).isEqualTo(MODEL_B);
        assertThat(after.documentUris()).containsExactly("file:/b.txt");
        long deadline = System.currentTimeMillis() + 5_000;
        while (!before.superseded() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(before.superseded()).isTrue();
    }

    @Test
    void should_refuse_writes_of_another_model_to_the_active_generation() {
        IndexBackend backend = backend();
        try (ChunkIndex first = backend.openForWriting(MODEL_A)) {
            first.commit();
        }

        assertThatThrownBy(() -> backend.openForWriting(MODEL_B))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("model-a")
                .hasMessageContaining("model-b");
    }

    @Test
    void should_say_how_to_build_an_index_when_reading_one_that_was_never_built() {
        IndexBackend backend = backend();

        assertThatThrownBy(backend::openForReading)
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("sluice ingest");
    }
}
