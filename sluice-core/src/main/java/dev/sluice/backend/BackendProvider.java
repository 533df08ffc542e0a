package dev.sluice.backend;

/**
 * A backend module's entry point, found with {@link java.util.ServiceLoader}: it opens the index
 * ({@code index.backend}) or the catalog ({@code catalog.backend}) of the name it answers to. The
 * embedded Lucene index and SQLite catalog are built in; {@code sluice-opensearch} and
 * {@code sluice-postgres} each register one in {@code META-INF/services/dev.sluice.backend.BackendProvider}.
 */
public interface BackendProvider {
    /** The name users write in {@code index.backend} or {@code catalog.backend}. */
    String name();

    /** Whether this provider serves {@code section}: {@code "index"} or {@code "catalog"}. */
    boolean serves(String section);

    /** The index of one knowledge base; only called when {@link #serves} the index. */
    default IndexBackend index(BackendOptions options) {
        throw new UnsupportedOperationException(name() + " provides no index");
    }

    /**
     * Whether anything was recorded in the catalog yet (an embedded catalog's file exists); a shared
     * database answers true, since it is created on first open.
     */
    default boolean catalogExists(BackendOptions options) {
        return true;
    }

    /** Opens the catalog of one knowledge base; only called when {@link #serves} the catalog. */
    default CatalogStores catalog(BackendOptions options) {
        throw new UnsupportedOperationException(name() + " provides no catalog");
    }
}
