package dev.sluice.spark;

import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.BackendProvider;
import dev.sluice.backend.IndexBackend;
import dev.sluice.backend.SearchIndex;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.index.LuceneIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * For tests: a "shared" index backend ({@code index.backend: shared-lucene}) that every caller of one JVM
 * writes through one real {@link LuceneIndex} (an IndexWriter takes concurrent writers), so the Spark job's
 * executor-writes mode runs in {@code local[N]} without OpenSearch. Records which threads wrote documents.
 */
public final class SharedLuceneProvider implements BackendProvider {
    static final String NAME = "shared-lucene";
    private static final Map<Path, LuceneIndex> OPEN = new ConcurrentHashMap<>();
    static final List<String> WRITER_THREADS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(String section) {
        return "index".equals(section);
    }

    @Override
    public IndexBackend index(BackendOptions options) {
        Path folder = options.folder().resolve("shared");
        return new IndexBackend() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public String describe() {
                return folder.toString();
            }

            @Override
            public IndexSettings activeSettings() {
                return LuceneIndex.settingsOf(folder);
            }

            @Override
            public ChunkIndex openForWriting(IndexSettings settings) {
                return new Shared(OPEN.computeIfAbsent(folder, f -> LuceneIndex.openForWriting(f, settings)));
            }

            @Override
            public ChunkIndex openNewGeneration(IndexSettings settings) {
                throw new UnsupportedOperationException("not in tests");
            }

            @Override
            public SearchIndex openForReading() {
                throw new UnsupportedOperationException("not in tests");
            }
        };
    }

    /** Closes the writer of {@code folder}'s shared index (the end of a test). */
    static void closeAll() {
        OPEN.values().forEach(LuceneIndex::close);
        OPEN.clear();
    }

    /** One caller's handle: everything goes to the one index, but closing leaves it open for the others. */
    private record Shared(LuceneIndex index) implements ChunkIndex {
        @Override
        public Path path() {
            return index.path();
        }

        @Override
        public IndexSettings settings() {
            return index.settings();
        }

        @Override
        public Set<String> documentUris() {
            return index.documentUris();
        }

        @Override
        public Map<String, Integer> lastPages() {
            return index.lastPages();
        }

        @Override
        public void replaceDocument(DocumentInfo document, List<IndexedChunk> chunks) {
            WRITER_THREADS.add(Thread.currentThread().getName());
            index.replaceDocument(document, chunks);
        }

        @Override
        public void deleteDocument(String uri) {
            index.deleteDocument(uri);
        }

        @Override
        public void commit() {
            index.commit();
        }

        @Override
        public void discardUncommitted() {
            index.discardUncommitted();
        }

        @Override
        public void refresh() {
            index.refresh();
        }

        @Override
        public int chunkCount() {
            return index.chunkCount();
        }

        @Override
        public boolean buildingNewGeneration() {
            return false;
        }

        @Override
        public void activateGeneration() {
            index.activateGeneration();
        }

        @Override
        public void close() {
            // the JVM's one writer stays open for the other callers
        }
    }
}
