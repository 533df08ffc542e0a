package dev.sluice.index;

import dev.sluice.backend.IndexBackend;
import dev.sluice.backend.SearchIndex;
import dev.sluice.contract.ChunkIndexContract;
import dev.sluice.contract.SearchIndexContract;
import dev.sluice.core.SluiceException;
import dev.sluice.embed.Embedder;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The index contract suites on the embedded Lucene folder. */
class LuceneIndexContractTest {
    @TempDir
    static Path root;

    /** A fresh folder under the test's root for each backend. */
    static IndexBackend newBackend() {
        try {
            return new FolderBackend(Files.createTempDirectory(root, "index"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class WriteSide extends ChunkIndexContract {
        @Override
        protected IndexBackend newBackend() {
            return LuceneIndexContractTest.newBackend();
        }
    }

    @Nested
    class ReadSide extends SearchIndexContract {
        @Override
        protected IndexBackend newBackend() {
            return LuceneIndexContractTest.newBackend();
        }
    }

    /**
     * {@code LuceneIndex} behind the {@link IndexBackend} seam, for the suites (the integrator's own adapter
     * replaces it once KnowledgeBase opens indexes through the seam).
     */
    record FolderBackend(Path folder) implements IndexBackend {
        @Override
        public String name() {
            return "lucene";
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
            return LuceneIndex.openForWriting(folder, settings);
        }

        @Override
        public ChunkIndex openNewGeneration(IndexSettings settings) {
            return LuceneIndex.openNewGeneration(folder, settings);
        }

        @Override
        public SearchIndex openForReading() {
            if (LuceneIndex.settingsOf(folder) == null) {
                throw new SluiceException("no index at " + folder + "; build one with: sluice ingest <folder>");
            }
            LuceneIndex index = LuceneIndex.openForReading(folder);
            return new SearchIndex() {
                @Override
                public String describe() {
                    return folder.toString();
                }

                @Override
                public IndexSettings settings() {
                    return index.settings();
                }

                @Override
                public IndexRetriever retriever(RetrievalSettings settings, Embedder embedder) {
                    return new LuceneRetriever(index, embedder, settings);
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
                public int chunkCount() {
                    return index.chunkCount();
                }

                @Override
                public boolean superseded() {
                    return index.superseded();
                }

                @Override
                public void refresh() {
                    index.refresh();
                }

                @Override
                public void close() {
                    index.close();
                }
            };
        }
    }
}
