package dev.sluice.review;

import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.ConflictDetector;
import dev.sluice.conflict.Passage;
import dev.sluice.conflict.SentenceConflicts;
import dev.sluice.core.Checks;
import dev.sluice.enrich.DocumentAttributes;
import dev.sluice.index.IndexFields;
import dev.sluice.retrieve.QueryTerms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * Cross-source conflicts at ingestion: after a sync commits, each chunk of each document the run indexed
 * is compared with the passages of other documents that speak of the same thing, by the same detector
 * that warns about conflicts in answers ({@link ConflictDetector}); each conflict becomes a
 * {@link ReviewItem} with both sides and their lineage, once per pair of sentences.
 *
 * <p>Candidates come from the index: the chunk's own analyzed terms as a BM25 query ({@link
 * Candidates#BM25}), its stored vector as a kNN query ({@link Candidates#KNN}), or both; other documents
 * only. The detector then compares the chunk with each candidate alone: a pair of passages, no question,
 * so every aligned pair of sentences counts (docs/quality.md measures what each way finds and costs).
 *
 * <p>Before that, every open item whose side is gone (its document deleted, or changed so that the
 * sentence no longer appears) is resolved as {@link Resolution#SOURCE_CHANGED}.
 *
 * <p>Reads a point-in-time searcher and writes only to the {@link ReviewStore}; thread-safe (each thread of a
 * check gets a detector of its own).
 */
public final class IngestionConflicts {
    /** Where a chunk's candidates come from. */
    public enum Candidates {
        BM25,
        KNN,
        BOTH;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Passages of other documents compared with each chunk, per way of finding them. */
    public static final int DEFAULT_CANDIDATES_PER_CHUNK = 5;

    /**
     * Passages whose reading the detector should remember ({@code SentenceConflicts.remembering}): a chunk's
     * candidates are often its neighbours' too, and reading sentences is most of the cost.
     */
    public static final int REMEMBERED_PASSAGES = 4_096;

    /** A chunk's BM25 query keeps at most this many of its terms (Lucene allows 1,024 clauses). */
    static final int MAX_QUERY_TERMS = 256;

    private static final Set<String> STORED = Set.of(
            IndexFields.CHUNK_ID,
            IndexFields.DOC_URI,
            IndexFields.DOC_HASH,
            IndexFields.SOURCE,
            IndexFields.PATH,
            IndexFields.HEADING_PATH,
            IndexFields.PAGE_START,
            IndexFields.TEXT,
            IndexFields.ATTRIBUTES);

    private final java.util.function.Supplier<? extends ConflictDetector> detectors;
    private final Candidates candidates;
    private final int perChunk;
    private final dev.sluice.index.IndexLanguage language;

    /**
     * @param detectors a new detector for each thread of a check: the one answers use ({@code
     *     SentenceConflicts}), best remembering what it read ({@code SentenceConflicts.remembering})
     * @param candidates where candidates come from
     * @param perChunk passages of other documents per chunk and way (> 0)
     */
    public IngestionConflicts(
            java.util.function.Supplier<? extends ConflictDetector> detectors, Candidates candidates, int perChunk) {
        this(detectors, candidates, perChunk, dev.sluice.index.IndexLanguage.DEFAULT);
    }

    private IngestionConflicts(
            java.util.function.Supplier<? extends ConflictDetector> detectors,
            Candidates candidates,
            int perChunk,
            dev.sluice.index.IndexLanguage language) {
        this.detectors = java.util.Objects.requireNonNull(detectors, "detectors");
        this.candidates = java.util.Objects.requireNonNull(candidates, "candidates");
        this.perChunk = Checks.positive("perChunk", perChunk);
        this.language = java.util.Objects.requireNonNull(language, "language");
    }

    /**
     * This check with BM25 candidate queries analyzed in {@code indexLanguage}: the language the
     * searched index records ({@code index.settings().language()}), or its terms miss.
     */
    public IngestionConflicts analyzedAs(dev.sluice.index.IndexLanguage indexLanguage) {
        return new IngestionConflicts(detectors, candidates, perChunk, indexLanguage);
    }

    /**
     * As the sync uses it: the answer path's detector remembering {@link #REMEMBERED_PASSAGES} readings per
     * thread, BM25 candidates, {@link #DEFAULT_CANDIDATES_PER_CHUNK} per chunk.
     */
    public static IngestionConflicts defaults() {
        return new IngestionConflicts(
                () -> SentenceConflicts.remembering(REMEMBERED_PASSAGES),
                Candidates.BM25,
                DEFAULT_CANDIDATES_PER_CHUNK);
    }

    /** One chunk as stored in the index. */
    record StoredChunk(
            int doc,
            String id,
            String uri,
            String version,
            String source,
            String path,
            String headingPath,
            int page,
            String text,
            DocumentAttributes attributes) {
        /** The chunk as the detector reads it: its sentences ({@link ConflictScope#statements}). */
        Passage passage() {
            return new Passage(id, uri, version, ConflictScope.statements(text, headingPath));
        }

        ReviewItem.Side side(String sentence, String value) {
            return new ReviewItem.Side(uri, source, path, version, id, page, headingPath, sentence, value);
        }
    }

    /** What one thread of a check counted. */
    private record Counts(int chunks, int compared, int found, int added, int reopened) {
        Counts plus(Counts o) {
            return new Counts(
                    chunks + o.chunks, compared + o.compared, found + o.found, added + o.added, reopened + o.reopened);
        }
    }

    /**
     * Checks the documents {@code documentUris} (indexed by run {@code runId}) against the rest of the
     * index on {@code threads} threads (named {@code sluice-review-check-N}; started from the caller's, so
     * they share its OS priority), after resolving open items whose side is gone. {@code millis} of the
     * result is 0: the caller times the whole.
     */
    public ReviewScan check(
            IndexSearcher searcher,
            long runId,
            List<String> documentUris,
            ReviewStore store,
            long nowMillis,
            int threads) {
        Checks.positive("threads", threads);
        int sourceChanged;
        try {
            sourceChanged = resolveGone(searcher, store, nowMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index for the conflict check: " + e.getMessage(), e);
        }
        int n = Math.max(1, Math.min(threads, documentUris.size()));
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < documentUris.size(); i++) {
            shares.get(i % n).add(documentUris.get(i)); // round robin: documents differ in size
        }
        Counts total = new Counts(0, 0, 0, 0, 0);
        if (n == 1) {
            total = compare(searcher, runId, shares.getFirst(), store, nowMillis);
        } else {
            java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    n,
                    r -> Thread.ofPlatform()
                            .name("sluice-review-check-" + number.incrementAndGet())
                            .daemon(true)
                            .unstarted(r));
            try {
                List<java.util.concurrent.Future<Counts>> parts = new ArrayList<>();
                for (List<String> share : shares) {
                    parts.add(pool.submit(io.opentelemetry.context.Context.current()
                            .wrap(() -> compare(searcher, runId, share, store, nowMillis))));
                }
                for (java.util.concurrent.Future<Counts> part : parts) {
                    total = total.plus(join(part));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        return new ReviewScan(
                runId,
                documentUris.size(),
                total.chunks(),
                total.compared(),
                total.found(),
                total.added(),
                total.reopened(),
                sourceChanged,
                0,
                null);
    }

    private static Counts join(java.util.concurrent.Future<Counts> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the conflict check was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the conflict check failed: " + e.getCause(), e.getCause());
        }
    }

    /** One thread's share: each chunk of these documents against its candidates, with a detector of its own. */
    private Counts compare(IndexSearcher searcher, long runId, List<String> uris, ReviewStore store, long nowMillis) {
        ConflictDetector detector = detectors.get();
        int chunks = 0;
        int compared = 0;
        int found = 0;
        int added = 0;
        int reopened = 0;
        try {
            for (String uri : uris) {
                for (StoredChunk chunk : chunksOf(searcher, uri)) {
                    Passage mine = chunk.passage();
                    if (mine.text().isBlank()) {
                        continue; // headings and table rows only: nothing the detector could compare
                    }
                    chunks++;
                    List<Passage> group = new ArrayList<>(List.of(mine));
                    Map<String, StoredChunk> others = new LinkedHashMap<>();
                    for (StoredChunk other : candidates(searcher, chunk, mine.text())) {
                        Passage theirs = other.passage();
                        if (!theirs.text().isBlank()) {
                            group.add(theirs);
                            others.put(other.id(), other);
                        }
                    }
                    compared += others.size();
                    // One call for the chunk and its candidates reads each passage once (reading sentences is
                    // most of the cost); conflicts between two candidates are not this chunk's and are left out.
                    for (Conflict c : others.isEmpty() ? List.<Conflict>of() : detector.find(null, group)) {
                        StoredChunk other = others.get(c.a().id().equals(chunk.id()) ? c.b().id() : c.a().id());
                        if (other == null
                                || !c.a().id().equals(chunk.id()) && !c.b().id().equals(chunk.id())
                                || !ConflictScope.keep(c, chunk.attributes(), other.attributes())) {
                            continue;
                        }
                        found++;
                        switch (store.add(item(c, chunk, other, runId), nowMillis)) {
                            case CREATED -> added++;
                            case REOPENED -> reopened++;
                            case KNOWN -> {}
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index for the conflict check: " + e.getMessage(), e);
        }
        return new Counts(chunks, compared, found, added, reopened);
    }

    /** The conflict as an item: left is the chunk of the run's document, right the other document's. */
    private static ReviewItem item(Conflict c, StoredChunk chunk, StoredChunk other, long runId) {
        boolean chunkFirst = c.a().id().equals(chunk.id());
        StoredChunk left = chunkFirst ? chunk : other;
        StoredChunk right = chunkFirst ? other : chunk;
        ReviewItem.Side a = left.side(c.sentenceA(), c.valueA());
        ReviewItem.Side b = right.side(c.sentenceB(), c.valueB());
        return chunkFirst
                ? ReviewItem.conflict(c.subject(), c.kind(), a, b, runId)
                : ReviewItem.conflict(c.subject(), c.kind(), b, a, runId);
    }

    /** Resolves each open item with a side whose document is gone or no longer says its sentence; how many. */
    private static int resolveGone(IndexSearcher searcher, ReviewStore store, long nowMillis) throws IOException {
        int resolved = 0;
        Map<String, List<StoredChunk>> byUri = new LinkedHashMap<>();
        for (ReviewItem item : store.openItems()) {
            for (ReviewItem.Side side : List.of(item.left(), item.right())) {
                List<StoredChunk> now = byUri.get(side.documentUri());
                if (now == null) {
                    now = chunksOf(searcher, side.documentUri());
                    byUri.put(side.documentUri(), now);
                }
                String why = gone(side, now);
                if (why != null) {
                    if (store.resolve(item.id(), Resolution.SOURCE_CHANGED, why, "sluice", nowMillis)) {
                        resolved++;
                    }
                    break;
                }
            }
        }
        return resolved;
    }

    /** Why a side no longer holds (its document is gone, or its sentence is), or null when it still does. */
    static String gone(ReviewItem.Side side, List<StoredChunk> chunks) {
        if (chunks.isEmpty()) {
            return side.documentUri() + " is no longer in the index";
        }
        if (chunks.getFirst().version().equals(side.documentVersion())) {
            return null;
        }
        String sentence = ReviewKeys.fold(side.sentence());
        for (StoredChunk c : chunks) {
            if (ReviewKeys.fold(c.text()).contains(sentence)) {
                return null;
            }
        }
        return side.documentUri() + " changed and no longer says: " + side.sentence();
    }

    /** The chunks of one document, in index order. */
    static List<StoredChunk> chunksOf(IndexSearcher searcher, String uri) throws IOException {
        ScoreDoc[] hits = searcher.search(
                        new TermQuery(new Term(IndexFields.DOC_URI, uri)),
                        Math.max(1, searcher.getIndexReader().maxDoc()))
                .scoreDocs;
        List<StoredChunk> out = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            out.add(read(searcher, hit.doc));
        }
        return out;
    }

    private static StoredChunk read(IndexSearcher searcher, int doc) throws IOException {
        Document d = searcher.storedFields().document(doc, STORED);
        Number page = d.getField(IndexFields.PAGE_START).numericValue();
        return new StoredChunk(
                doc,
                d.get(IndexFields.CHUNK_ID),
                d.get(IndexFields.DOC_URI),
                d.get(IndexFields.DOC_HASH),
                d.get(IndexFields.SOURCE),
                d.get(IndexFields.PATH),
                d.get(IndexFields.HEADING_PATH),
                page == null ? 0 : page.intValue(),
                d.get(IndexFields.TEXT),
                attributes(d.get(IndexFields.ATTRIBUTES)));
    }

    /** The attributes stored with a chunk ("key=value" lines), or none. */
    private static DocumentAttributes attributes(String stored) {
        if (stored == null || stored.isEmpty()) {
            return DocumentAttributes.NONE;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : stored.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return DocumentAttributes.fromMap(map);
    }

    /**
     * Chunks of other documents about the same thing as {@code chunk} (BM25 on the terms of its {@code
     * statements}, kNN on its vector), best first, each once; documents of another issuer are left out
     * ({@link ConflictScope#sameIssuer}).
     */
    List<StoredChunk> candidates(IndexSearcher searcher, StoredChunk chunk, String statements) throws IOException {
        Map<Integer, StoredChunk> out = new LinkedHashMap<>();
        Query others = new TermQuery(new Term(IndexFields.DOC_URI, chunk.uri()));
        if (candidates != Candidates.KNN) {
            BooleanQuery.Builder q = new BooleanQuery.Builder();
            int terms = 0;
            for (String term : QueryTerms.of(statements, language)) {
                if (terms++ == MAX_QUERY_TERMS) {
                    break;
                }
                q.add(new TermQuery(new Term(IndexFields.BODY, term)), BooleanClause.Occur.SHOULD);
            }
            if (terms > 0) {
                q.add(others, BooleanClause.Occur.MUST_NOT);
                for (ScoreDoc hit : searcher.search(q.build(), perChunk).scoreDocs) {
                    out.putIfAbsent(hit.doc, null);
                }
            }
        }
        if (candidates != Candidates.BM25) {
            float[] vector = vectorOf(searcher, chunk.doc());
            if (vector != null) {
                Query filter = new BooleanQuery.Builder()
                        .add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.FILTER)
                        .add(others, BooleanClause.Occur.MUST_NOT)
                        .build();
                for (ScoreDoc hit : searcher.search(
                                new KnnFloatVectorQuery(IndexFields.VECTOR, vector, perChunk, filter), perChunk)
                        .scoreDocs) {
                    out.putIfAbsent(hit.doc, null);
                }
            }
        }
        List<StoredChunk> read = new ArrayList<>(out.size());
        for (int doc : out.keySet()) {
            StoredChunk other = read(searcher, doc);
            if (ConflictScope.sameIssuer(chunk.attributes(), other.attributes())) {
                read.add(other);
            }
        }
        return read;
    }

    /** The vector stored with a chunk, or null when it has none. */
    private static float[] vectorOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
        if (values == null) {
            return null;
        }
        int target = doc - leaf.docBase;
        KnnVectorValues.DocIndexIterator it = values.iterator();
        return it.advance(target) == target ? values.vectorValue(it.index()).clone() : null;
    }
}
