package dev.sluice.backend;

import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;

/**
 * Where one knowledge base's index lives and how it is opened, for writing and for searching: the
 * embedded Lucene folder ({@code index.backend: lucene}, the default) or a shared engine
 * ({@code index.backend: opensearch}). Generations work alike in each: another model or language builds
 * a new generation beside the active one, and activating it switches every reader in one step.
 */
public interface IndexBackend {
    /** The name users write in {@code index.backend}. */
    String name();

    /** Where the index lives, for messages: a folder, or an engine's URL and index name. */
    String describe();

    /** The settings of the active generation, or null when nothing has been built yet. */
    IndexSettings activeSettings();

    /**
     * Opens the active generation for writing, creating it with {@code settings} when there is none;
     * refuses an index built with other settings (use {@link #openNewGeneration}).
     */
    ChunkIndex openForWriting(IndexSettings settings);

    /**
     * Opens a new, empty generation for {@code settings}; searches go on using the active one until the
     * writer's {@link ChunkIndex#activateGeneration()}. An unfinished generation of an earlier attempt is
     * discarded.
     */
    ChunkIndex openNewGeneration(IndexSettings settings);

    /** Opens the active generation for searching; fails with a clear message when nothing was built. */
    SearchIndex openForReading();
}
