package dev.sluice.client;

import java.nio.file.Path;

/**
 * Hits from a knowledge base opened in the application's own process: what {@link RetrieverBuilder#index}
 * opens. sluice-client cannot open one itself (it never sees sluice-core); {@code sluice-embedded}
 * provides the {@link Opener} through {@link java.util.ServiceLoader}, so embedded mode works exactly
 * when that module is on the class path.
 */
public interface LocalHitSource extends HitSource, AutoCloseable {
    /** Closes the knowledge base it opened. */
    @Override
    void close();

    /** Opens a local knowledge base; registered in {@code META-INF/services} by sluice-embedded. */
    interface Opener {
        /**
         * The knowledge base of an index folder, with {@code config} (a sluice.yaml, or null for the
         * defaults) for its retrieval settings; an {@link IllegalArgumentException} naming the folder
         * when it holds no index.
         */
        LocalHitSource open(Path index, Path config);
    }
}
