package dev.sluice.index;

import dev.sluice.backend.IndexBackend;
import dev.sluice.contract.ChunkIndexContract;
import dev.sluice.contract.SearchIndexContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The index contract suites on the embedded Lucene folder. */
class LuceneIndexContractTest {
    @TempDir
    static Path root;

    /** A fresh folder under the test's root for each backend. */
    static IndexBackend newBackend() {
        try {
            return new dev.sluice.backend.LuceneBackend(Files.createTempDirectory(root, "index"));
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
}
