package dev.sluice.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.backend.SearchIndex;
import dev.sluice.chunk.Chunk;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.eval.BeirCorpusSource;
import dev.sluice.eval.CorpusDoc;
import dev.sluice.eval.DocumentRanking;
import dev.sluice.eval.EvalQuery;
import dev.sluice.eval.EvalSet;
import dev.sluice.eval.EvalSetReader;
import dev.sluice.eval.JudgedRanking;
import dev.sluice.eval.NdcgAtK;
import dev.sluice.eval.ScoredDoc;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.index.LuceneIndex;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.retrieve.LuceneRetriever;
import dev.sluice.retrieve.RetrievalSettings;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.VectorRetriever;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SciFact train (809 claims over 5,183 abstracts, ../shared/data/scifact-train): the same chunks and vectors
 * indexed into the embedded Lucene index and into OpenSearch, the same queries searched in each mode, nDCG@10
 * compared with the eval code. Runs only with {@code -Dsluice.scifact=true} (minutes: every abstract is
 * embedded), and skips, saying so, when the data is absent. Prints the figures; HNSW differs between the two
 * graphs, so the dense and hybrid figures may differ slightly; BM25 must agree to 0.005.
 */
class ScifactParityEngineIT {
    private static final Path DATA = Path.of("../../shared/data/scifact-train");

    @TempDir
    Path folder;

    @Test
    void should_give_the_embedded_figures_within_half_a_point_of_ndcg_at_10_on_opensearch() throws Exception {
        assumeTrue(Boolean.getBoolean("sluice.scifact"), "run with -Dsluice.scifact=true (embeds 5,183 abstracts)");
        Path data = Files.isDirectory(DATA) ? DATA : Path.of("../shared/data/scifact-train");
        assumeTrue(Files.isDirectory(data), "no SciFact data at " + data.toAbsolutePath() + "; skipping");
        TestEngine.requireListening(TestEngine.url());
        EvalSet set = EvalSetReader.readBeir(data, "train");
        List<CorpusDoc> corpus = new ArrayList<>();
        EvalSetReader.readBeirCorpus(data, corpus::add);
        int threads = Integer.getInteger("sluice.scifact.threads", 2);
        OpenSearchBackend backend = new OpenSearchBackend(
                TestEngine.url(),
                null,
                null,
                "sluice-scifact-" + UUID.randomUUID().toString().substring(0, 8),
                0,
                OpenSearchIndex.DEFAULT_WRITE_BUFFER_CHUNKS);
        try (OnnxEmbedder embedder = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1);
                ExecutorService pool = Executors.newFixedThreadPool(
                        threads, Thread.ofPlatform().name("scifact-embed-", 0).factory())) {
            IndexSettings settings =
                    new IndexSettings(embedder.modelId(), embedder.modelVersion(), embedder.dimensions());
            HeadingAwareChunker chunker = new HeadingAwareChunker(
                    new ChunkerSettings(ChunkerSettings.DEFAULT_MAX_TOKENS, ChunkerSettings.DEFAULT_OVERLAP_TOKENS),
                    embedder.tokenCounter());
            long started = System.nanoTime();
            List<Future<Map.Entry<DocumentInfo, List<IndexedChunk>>>> embedded = new ArrayList<>();
            for (CorpusDoc doc : corpus) {
                embedded.add(pool.submit(() -> embed(doc, chunker, embedder)));
            }
            try (LuceneIndex lucene = LuceneIndex.openForWriting(folder.resolve("lucene"), settings);
                    ChunkIndex opensearch = backend.openForWriting(settings)) {
                int chunks = 0;
                for (Future<Map.Entry<DocumentInfo, List<IndexedChunk>>> f : embedded) {
                    Map.Entry<DocumentInfo, List<IndexedChunk>> doc = f.get();
                    lucene.replaceDocument(doc.getKey(), doc.getValue());
                    opensearch.replaceDocument(doc.getKey(), doc.getValue());
                    chunks += doc.getValue().size();
                }
                long indexStart = System.nanoTime();
                lucene.commit();
                opensearch.commit();
                System.out.printf(
                        Locale.ROOT,
                        "scifact: %d documents, %d chunks embedded in %.0f s; both committed in %.0f s%n",
                        corpus.size(),
                        chunks,
                        (indexStart - started) / 1e9,
                        (System.nanoTime() - indexStart) / 1e9);
                try (SearchIndex reader = backend.openForReading()) {
                    Map<SearchMode, double[]> figures = new EnumMap<>(SearchMode.class);
                    VectorRetriever embeddedRetriever =
                            new LuceneRetriever(lucene, embedder, RetrievalSettings.DEFAULTS);
                    VectorRetriever shared = reader.retriever(RetrievalSettings.DEFAULTS, embedder);
                    for (SearchMode mode : SearchMode.values()) {
                        figures.put(mode, new double[] {
                            ndcg(set, embeddedRetriever, mode, embedder), ndcg(set, shared, mode, embedder)
                        });
                    }
                    figures.forEach((mode, f) -> System.out.printf(
                            Locale.ROOT,
                            "scifact train nDCG@10 %-6s lucene %.4f opensearch %.4f (diff %+.4f)%n",
                            mode.label(),
                            f[0],
                            f[1],
                            f[1] - f[0]));
                    assertThat(figures.get(SearchMode.BM25)[1])
                            .isCloseTo(figures.get(SearchMode.BM25)[0], org.assertj.core.data.Offset.offset(0.005));
                    for (double[] f : figures.values()) {
                        assertThat(f[1]).isCloseTo(f[0], org.assertj.core.data.Offset.offset(0.005));
                    }
                }
            }
        } finally {
            backend.deleteAll();
        }
    }

    /** The document's chunks and vectors, chunked as ingestion chunks a BEIR abstract (a title heading, the text). */
    private static Map.Entry<DocumentInfo, List<IndexedChunk>> embed(
            CorpusDoc doc, HeadingAwareChunker chunker, OnnxEmbedder embedder) {
        String uri = BeirCorpusSource.uri("scifact", doc.id());
        String heading = doc.title().isBlank() ? "" : doc.title();
        String text = heading.isEmpty() ? doc.text() : heading + "\n\n" + doc.text();
        List<NormalizedDocument.Span> spans = new ArrayList<>();
        if (!heading.isEmpty()) {
            spans.add(new NormalizedDocument.Span(true, 1, 0, heading.length(), 0));
        }
        int bodyStart = heading.isEmpty() ? 0 : heading.length() + 2;
        spans.add(new NormalizedDocument.Span(false, 0, bodyStart, text.length(), 0));
        NormalizedDocument normalized =
                new NormalizedDocument(uri, doc.title(), "text/markdown", text, spans, Map.of());
        List<IndexedChunk> chunks = new ArrayList<>();
        for (Chunk chunk : chunker.chunk(normalized)) {
            chunks.add(new IndexedChunk(chunk, embedder.embedPassage(chunk.text())));
        }
        DocumentInfo info = new DocumentInfo(uri, "scifact", doc.id(), "markdown", doc.title(), doc.id());
        return Map.entry(info, chunks);
    }

    private static double ndcg(EvalSet set, VectorRetriever retriever, SearchMode mode, OnnxEmbedder embedder) {
        NdcgAtK metric = new NdcgAtK(10);
        double sum = 0;
        int n = 0;
        for (EvalQuery query : set.queries()) {
            if (!set.qrels().contains(query.id())) {
                continue;
            }
            float[] vector = mode == SearchMode.BM25 ? null : embedder.embedQuery(query.text());
            List<SearchHit> hits =
                    retriever.search(new SearchRequest(query.text(), mode, 100, SearchFilters.NONE), vector);
            List<ScoredDoc> chunkHits = new ArrayList<>();
            for (SearchHit hit : hits) {
                String uri = hit.documentUri();
                chunkHits.add(new ScoredDoc(uri.substring(uri.lastIndexOf('/') + 1), hit.score()));
            }
            sum += metric.score(JudgedRanking.of(
                    DocumentRanking.fromChunkHits(chunkHits), set.qrels().judgments(query.id())));
            n++;
        }
        return sum / n;
    }
}
