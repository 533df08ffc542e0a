package dev.sluice.index;

import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The knowledge base on local disk: one Lucene index with BM25 text, HNSW vectors and stored
 * metadata, one Lucene document per chunk.
 *
 * <p>A document's chunks are written as one block with {@link IndexWriter#updateDocuments}, which
 * deletes the old block and adds the new one atomically: a searcher sees the old version or the new
 * one, never a mix. Searchers come from a {@link SearcherManager}; in a writing process they see
 * changes after {@link #refresh()}, in another process after {@link #commit()}.
 *
 * <p>Thread-safe: many threads may write documents and search at once.
 */
public final class LuceneIndex implements ChunkIndex {
    private final Path path;
    private final Directory directory;
    // The generation this writer builds while searches still use the active one; null otherwise.
    private volatile Path pendingGeneration;
    // Replaced together by discardUncommitted(); volatile so pipeline threads see the new pair.
    private volatile IndexWriter writer; // null when opened for reading
    private volatile SearcherManager searchers;
    private final IndexSettings settings;

    private LuceneIndex(
            Path path, Directory directory, IndexWriter writer, SearcherManager searchers, IndexSettings settings) {
        this(path, directory, writer, searchers, settings, null);
    }

    private LuceneIndex(
            Path path,
            Directory directory,
            IndexWriter writer,
            SearcherManager searchers,
            IndexSettings settings,
            Path pendingGeneration) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.settings = settings;
        this.pendingGeneration = pendingGeneration;
    }

    /**
     * Opens (or creates) the index at {@code path} for writing with the given model. Refuses an
     * existing index built with another model: one index holds one embedding space.
     */
    public static LuceneIndex openForWriting(Path path, IndexSettings settings) {
        Directory directory = null;
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(IndexGenerations.active(path));
            IndexSettings existing = DirectoryReader.indexExists(directory) ? readSettings(directory) : null;
            if (existing != null && !existing.equals(settings)) {
                throw new SluiceException(refusal(path, existing, settings));
            }
            IndexWriter writer = new IndexWriter(directory, writerConfig(settings.language()));
            writer.setLiveCommitData(settings.toCommitData().entrySet());
            if (existing == null) {
                writer.commit();
            }
            try {
                SearcherManager searchers = new SearcherManager(writer, new SearcherFactory());
                return new LuceneIndex(path, directory, writer, searchers, settings);
            } catch (IOException | RuntimeException e) {
                writer.rollback(); // releases the write lock
                throw e;
            }
        } catch (LockObtainFailedException e) {
            closeQuietly(directory);
            throw new SluiceException(
                    "index " + path + " is being written by another Sluice process; wait for it to finish");
        } catch (IOException e) {
            closeQuietly(directory);
            throw new SluiceException("cannot open index " + path + " for writing: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    /** Why an index built with {@code existing} cannot take writes made with {@code wanted}: model first. */
    private static String refusal(Path path, IndexSettings existing, IndexSettings wanted) {
        if (!existing.sameModel(wanted)) {
            return "index " + path + " holds vectors from " + existing.modelId() + " (" + existing.modelVersion()
                    + "); it cannot take vectors from " + wanted.modelId() + ". Use --model " + existing.modelId()
                    + ", or a new --index folder for the other model.";
        }
        return "index " + path + " was analyzed in language "
                + existing.language().code()
                + "; it cannot take text analyzed in " + wanted.language().code()
                + ": the terms of two languages never match. Set index.language: "
                + existing.language().code()
                + " in sluice.yaml, or rebuild the index in "
                + wanted.language().code()
                + " with sluice ingest (it builds a new generation beside the one searches use and switches"
                + " to it when complete), or use a new --index folder.";
    }

    private static IndexWriterConfig writerConfig(IndexLanguage language) {
        IndexWriterConfig config = new IndexWriterConfig(Analyzers.create(language));
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(128);
        config.setCommitOnClose(false);
        return config;
    }

    /**
     * Drops every change since the last commit and opens a fresh writer, so that a failed run's
     * buffered writes are never published by a later run's commit (watch mode). Call only when no
     * other thread is writing.
     */
    @Override
    public synchronized void discardUncommitted() {
        requireWriter();
        try {
            searchers.close();
            writer.rollback();
            writer = new IndexWriter(directory, writerConfig(settings.language()));
            writer.setLiveCommitData(settings.toCommitData().entrySet());
            searchers = new SearcherManager(writer, new SearcherFactory());
        } catch (IOException e) {
            throw new SluiceException("cannot reopen index " + path + " after a failed run: " + e.getMessage(), e);
        }
    }

    /**
     * The model settings of the index's active generation, or null when the folder holds no index
     * yet.
     */
    public static IndexSettings settingsOf(Path path) {
        Path active = IndexGenerations.active(path);
        if (!Files.isDirectory(active)) {
            return null;
        }
        try (Directory directory = FSDirectory.open(active)) {
            return DirectoryReader.indexExists(directory) ? readSettings(directory) : null;
        } catch (IOException e) {
            throw new SluiceException("cannot read index " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a new, empty generation of the index at {@code path} for another model. Searches go on
     * using the active generation until {@link #activateGeneration()} switches them to this one; an
     * unfinished generation of an earlier attempt is discarded.
     */
    public static LuceneIndex openNewGeneration(Path path, IndexSettings settings) {
        Path generation = IndexGenerations.create(path);
        LuceneIndex index = openForWriting(generation, settings);
        return new LuceneIndex(path, index.directory, index.writer, index.searchers, settings, generation);
    }

    /** Whether this writer builds a generation that searches do not use yet. */
    @Override
    public boolean buildingNewGeneration() {
        return pendingGeneration != null;
    }

    /**
     * Makes the generation this writer built the one searches use, atomically, and deletes the one
     * it replaces. Call after {@link #commit()}, once the generation holds every document.
     */
    @Override
    public synchronized void activateGeneration() {
        if (pendingGeneration == null) {
            throw new IllegalStateException("index " + path + " builds no new generation");
        }
        IndexGenerations.activate(path, pendingGeneration);
        pendingGeneration = null;
    }

    /** Opens an existing index for searching; fails with a clear message when there is none. */
    public static LuceneIndex openForReading(Path path) {
        Directory directory = null;
        try {
            if (!Files.isDirectory(path)) {
                throw new SluiceException(
                        "no index at " + path + "; build one with: sluice ingest <folder> --index " + path);
            }
            directory = FSDirectory.open(IndexGenerations.active(path));
            if (!DirectoryReader.indexExists(directory)) {
                throw new SluiceException(
                        "no index at " + path + "; build one with: sluice ingest <folder> --index " + path);
            }
            IndexSettings settings = readSettings(directory);
            if (settings == null) {
                throw new SluiceException("index " + path + " was not written by Sluice (no model recorded)");
            }
            SearcherManager searchers = new SearcherManager(directory, new SearcherFactory());
            return new LuceneIndex(path, directory, null, searchers, settings);
        } catch (IOException e) {
            closeQuietly(directory);
            throw new SluiceException("cannot open index " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(directory);
            throw e;
        }
    }

    private static IndexSettings readSettings(Directory directory) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            Map<String, String> data = reader.getIndexCommit().getUserData();
            return IndexSettings.fromCommitData(data);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    /**
     * Whether another generation became the active one since this index was opened for reading (a
     * new embedding model finished building): searches should move to a newly opened index.
     */
    public boolean superseded() {
        if (writer != null || !(directory instanceof FSDirectory fs)) {
            return false;
        }
        try {
            return !IndexGenerations.active(path)
                    .toAbsolutePath()
                    .normalize()
                    .equals(fs.getDirectory().toAbsolutePath().normalize());
        } catch (SluiceException e) {
            return false; // a CURRENT file being replaced or unreadable: keep what is open
        }
    }

    @Override
    public IndexSettings settings() {
        return settings;
    }

    /** Replaces every chunk of {@code document} with {@code chunks}, atomically. */
    @Override
    public void replaceDocument(DocumentInfo document, List<IndexedChunk> chunks) {
        requireWriter();
        for (IndexedChunk chunk : chunks) {
            if (chunk.vector().length != settings.dimensions()) {
                throw new IllegalArgumentException("chunk " + chunk.chunk().id() + " has a " + chunk.vector().length
                        + "-dimension vector; index " + path + " holds " + settings.dimensions()
                        + "-dimension vectors of " + settings.modelId());
            }
        }
        List<Document> docs = new ArrayList<>(chunks.size());
        for (IndexedChunk chunk : chunks) {
            docs.add(ChunkDocuments.of(document, chunk, chunks.size(), settings));
        }
        try {
            writer.updateDocuments(new Term(IndexFields.DOC_URI, document.uri()), docs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + document.uri() + " to index " + path, e);
        }
    }

    /** Removes every chunk of the document. */
    @Override
    public void deleteDocument(String uri) {
        requireWriter();
        try {
            writer.deleteDocuments(new Term(IndexFields.DOC_URI, uri));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + uri + " from index " + path, e);
        }
    }

    /** Makes everything written so far durable and visible to other processes. */
    @Override
    public void commit() {
        requireWriter();
        try {
            writer.setLiveCommitData(settings.toCommitData().entrySet());
            writer.commit();
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit index " + path, e);
        }
    }

    /** Makes writes so far visible to searchers of this process (not durable). */
    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh searcher on " + path, e);
        }
    }

    /** A searcher over a point-in-time view; hand it back with {@link #release}. */
    public IndexSearcher acquire() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open searcher on " + path, e);
        }
    }

    public void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release searcher on " + path, e);
        }
    }

    /** The URIs of every document with chunks in the index, as this process sees it now. */
    @Override
    public java.util.Set<String> documentUris() {
        refresh();
        IndexSearcher searcher = acquire();
        try {
            java.util.Set<String> uris = new java.util.HashSet<>();
            for (org.apache.lucene.index.LeafReaderContext leaf :
                    searcher.getIndexReader().leaves()) {
                org.apache.lucene.index.Terms terms = leaf.reader().terms(IndexFields.DOC_URI);
                if (terms == null) {
                    continue;
                }
                org.apache.lucene.index.TermsEnum it = terms.iterator();
                org.apache.lucene.index.PostingsEnum postings = null;
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                for (org.apache.lucene.util.BytesRef term = it.next(); term != null; term = it.next()) {
                    postings = it.postings(postings, org.apache.lucene.index.PostingsEnum.NONE);
                    for (int doc = postings.nextDoc();
                            doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
                            doc = postings.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            uris.add(term.utf8ToString());
                            break;
                        }
                    }
                }
            }
            return uris;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list documents of index " + path, e);
        } finally {
            release(searcher);
        }
    }

    /** Reads each live chunk's stored URI and last page: a pass over the stored fields, done only when asked. */
    @Override
    public java.util.Map<String, Integer> lastPages() {
        refresh();
        IndexSearcher searcher = acquire();
        try {
            java.util.Map<String, Integer> last = new java.util.HashMap<>();
            java.util.Set<String> fields = java.util.Set.of(IndexFields.DOC_URI, IndexFields.PAGE_END);
            for (org.apache.lucene.index.LeafReaderContext leaf :
                    searcher.getIndexReader().leaves()) {
                org.apache.lucene.index.StoredFields stored = leaf.reader().storedFields();
                org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document d = stored.document(doc, fields);
                    Number pageEnd = d.getField(IndexFields.PAGE_END).numericValue();
                    last.merge(d.get(IndexFields.DOC_URI), pageEnd.intValue(), Math::max);
                }
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pages of index " + path, e);
        } finally {
            release(searcher);
        }
    }

    /** Number of chunks visible to searchers now. */
    @Override
    public int chunkCount() {
        IndexSearcher searcher = acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            release(searcher);
        }
    }

    private void requireWriter() {
        if (writer == null) {
            throw new IllegalStateException(
                    "index " + path + " was opened for reading; open it with openForWriting to change it");
        }
    }

    @Override
    public void close() {
        // Each step runs even when an earlier one fails, so the write lock and files are always released.
        try (directory) {
            try {
                searchers.close();
            } finally {
                if (writer != null) {
                    writer.rollback(); // anything not committed is dropped on purpose: commit() is the only way to
                    // publish
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close index " + path, e);
        }
    }

    private static void closeQuietly(Directory directory) {
        if (directory != null) {
            try {
                directory.close();
            } catch (IOException ignored) {
                // already failing; the original error is the one to report
            }
        }
    }
}
