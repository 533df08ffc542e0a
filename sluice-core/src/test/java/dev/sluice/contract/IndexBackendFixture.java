package dev.sluice.contract;

import dev.sluice.backend.IndexBackend;
import dev.sluice.backend.SearchIndex;
import dev.sluice.chunk.Chunk;
import dev.sluice.core.AccessList;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexedChunk;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * How the index contract suites get their backend: {@link #newBackend} gives one whose index nobody else
 * uses (a fresh folder, a fresh index prefix); {@link #dispose} removes what it made once the test's writers
 * and readers are closed.
 */
public abstract class IndexBackendFixture {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<IndexBackend> backends = new ArrayList<>();

    /** A backend over an index of its own, empty. */
    protected abstract IndexBackend newBackend();

    /** Removes the index {@code backend} made (an engine's indexes); a folder backend needs nothing. */
    protected void dispose(IndexBackend backend) {}

    protected final IndexBackend backend() {
        IndexBackend backend = newBackend();
        backends.add(backend);
        return backend;
    }

    protected final <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    protected final ChunkIndex writer(IndexBackend backend, dev.sluice.index.IndexSettings settings) {
        return opened(backend.openForWriting(settings));
    }

    protected final SearchIndex reader(IndexBackend backend) {
        return opened(backend.openForReading());
    }

    @AfterEach
    void closeAndDispose() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        opened.clear();
        for (IndexBackend b : backends) {
            dispose(b);
        }
        backends.clear();
    }

    /** A public document of source {@code src}, its path the URI after {@code file:/}. */
    protected static DocumentInfo document(String uri, String version) {
        return new DocumentInfo(uri, "src", uri.substring("file:/".length()), "text", "T", version);
    }

    /** A document readable with the access list. */
    protected static DocumentInfo document(String uri, String version, AccessList access) {
        return new DocumentInfo(uri, "src", uri.substring("file:/".length()), "text", "T", version, access);
    }

    /** One chunk per text, ids {@code uri#ordinal}, with the given vectors (the last repeated when fewer). */
    protected static List<IndexedChunk> chunks(String uri, List<String> texts, List<float[]> vectors) {
        List<IndexedChunk> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Chunk chunk = new Chunk(
                    uri + "#" + i,
                    uri,
                    i,
                    "T",
                    List.of("H"),
                    i + 1,
                    i + 1,
                    i * 100,
                    i * 100 + text.length(),
                    text,
                    8,
                    "h" + i,
                    "test/1");
            out.add(new IndexedChunk(chunk, vectors.get(Math.min(i, vectors.size() - 1))));
        }
        return out;
    }
}
