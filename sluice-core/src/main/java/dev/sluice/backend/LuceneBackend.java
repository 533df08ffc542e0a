package dev.sluice.backend;

import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.LuceneIndex;
import java.nio.file.Path;

/** The embedded index: Lucene generations in one folder ({@code index.backend: lucene}, the default). */
public final class LuceneBackend implements IndexBackend {
    private final Path folder;

    public LuceneBackend(Path folder) {
        this.folder = folder;
    }

    /** The index folder. */
    public Path folder() {
        return folder;
    }

    @Override
    public String name() {
        return dev.sluice.config.BackendChoice.LUCENE;
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
    public LuceneSearchIndex openForReading() {
        return new LuceneSearchIndex(LuceneIndex.openForReading(folder));
    }

    /** Registers the embedded index under {@code lucene}. */
    public static final class Provider implements BackendProvider {
        @Override
        public String name() {
            return dev.sluice.config.BackendChoice.LUCENE;
        }

        @Override
        public boolean serves(String section) {
            return "index".equals(section);
        }

        @Override
        public IndexBackend index(BackendOptions options) {
            return new LuceneBackend(options.folder());
        }
    }
}
