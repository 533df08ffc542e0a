package dev.sluice.opensearch;

import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.BackendProvider;
import dev.sluice.backend.IndexBackend;

/** {@code index.backend: opensearch}, found by {@link java.util.ServiceLoader} when this module is on the class path. */
public final class OpenSearchBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public boolean serves(String section) {
        return "index".equals(section);
    }

    @Override
    public IndexBackend index(BackendOptions options) {
        return OpenSearchBackend.of(options);
    }
}
