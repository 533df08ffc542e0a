package dev.sluice.backend;

import dev.sluice.embed.Embedder;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.LuceneIndex;
import dev.sluice.retrieve.IndexRetriever;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import java.util.Map;
import java.util.Set;

/** The active generation of an embedded index, opened for searching. */
public final class LuceneSearchIndex implements SearchIndex {
    private final LuceneIndex index;

    LuceneSearchIndex(LuceneIndex index) {
        this.index = index;
    }

    /** The Lucene index itself, for what reads its terms directly (the conflict check at ingestion). */
    public LuceneIndex lucene() {
        return index;
    }

    @Override
    public String describe() {
        return index.path().toString();
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
}
