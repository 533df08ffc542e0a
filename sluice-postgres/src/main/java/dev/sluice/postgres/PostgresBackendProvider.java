package dev.sluice.postgres;

import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.BackendProvider;
import dev.sluice.backend.CatalogStores;

/** {@code catalog.backend: postgresql}: the catalog and every store in a PostgreSQL schema. */
public final class PostgresBackendProvider implements BackendProvider {
    /** The name users write in {@code catalog.backend}. */
    public static final String NAME = "postgresql";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean serves(String section) {
        return "catalog".equals(section);
    }

    @Override
    public CatalogStores catalog(BackendOptions options) {
        return PostgresCatalog.open(PostgresSettings.from(options));
    }
}
