package dev.sluice.opensearch;

import dev.sluice.backend.IndexBackend;
import dev.sluice.contract.ChunkIndexContract;
import dev.sluice.contract.SearchIndexContract;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Nested;

/**
 * The index contract suites on OpenSearch 3.6 (scripts/engines/opensearch.sh): each backend gets an alias of
 * its own ({@code sluice-ct-<random>}) and its generations are deleted after the test.
 */
class OpenSearchContractEngineIT {
    static OpenSearchBackend newBackend() {
        String url = TestEngine.url();
        TestEngine.requireListening(url);
        String prefix =
                "sluice-ct-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
        return new OpenSearchBackend(url, null, null, prefix, 0, OpenSearchIndex.DEFAULT_WRITE_BUFFER_CHUNKS);
    }

    @Nested
    class WriteSide extends ChunkIndexContract {
        @Override
        protected IndexBackend newBackend() {
            return OpenSearchContractEngineIT.newBackend();
        }

        @Override
        protected void dispose(IndexBackend backend) {
            ((OpenSearchBackend) backend).deleteAll();
        }
    }

    @Nested
    class ReadSide extends SearchIndexContract {
        @Override
        protected IndexBackend newBackend() {
            return OpenSearchContractEngineIT.newBackend();
        }

        @Override
        protected void dispose(IndexBackend backend) {
            ((OpenSearchBackend) backend).deleteAll();
        }
    }
}
