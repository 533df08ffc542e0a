package dev.sluice.sqlite;

import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.BackendProvider;
import dev.sluice.backend.CatalogStores;
import java.nio.file.Files;

/** Registers the embedded catalog under {@code sqlite}: a file in the knowledge base's folder. */
public final class SqliteBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return dev.sluice.config.BackendChoice.SQLITE;
    }

    @Override
    public boolean serves(String section) {
        return "catalog".equals(section);
    }

    @Override
    public boolean catalogExists(BackendOptions options) {
        return Files.exists(options.folder().resolve(SqliteCatalog.FILE_NAME));
    }

    @Override
    public CatalogStores catalog(BackendOptions options) {
        return SqliteCatalog.open(options.folder().resolve(SqliteCatalog.FILE_NAME));
    }
}
