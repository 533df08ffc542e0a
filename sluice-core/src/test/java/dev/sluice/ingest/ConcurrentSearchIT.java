package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.OnnxEmbedder;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.index.IndexFields;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.LuceneIndex;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.source.DirectorySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Searches run while the real pipeline re-ingests changed documents; every search must see each
 * document whole: all its chunks from one version, as many as that version has.
 */
class ConcurrentSearchIT {
    @TempDir
    Path work;

    private static void writeVersion(Path dir, int version) throws Exception {
        for (int d = 0; d < 12; d++) {
            StringBuilder md = new StringBuilder("# Document " + d + " version " + version + "\n\n");
            int paragraphs = 2 + (d + version) % 5; // chunk counts change between versions
            for (int p = 0; p < paragraphs; p++) {
                md.append("## Part ").append(p).append("\n\n");
                md.append(("Version " + version + " of document " + d + " paragraph " + p
                                        + " talks about rivers and gates. ")
                                .repeat(3))
                        .append("\n\n");
            }
            Files.writeString(dir.resolve("doc-" + d + ".md"), md.toString());
        }
    }

    @Test
    void should_never_show_half_a_document_to_a_search_running_during_ingestion() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        try (OnnxEmbedder embedder = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1);
                DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
                dev.sluice.sqlite.SqliteCatalog catalog =
                        dev.sluice.sqlite.SqliteCatalog.open(work.resolve("catalog.sqlite"));
                LuceneIndex index = LuceneIndex.openForWriting(
                        work.resolve("index"),
                        new IndexSettings(embedder.modelId(), embedder.modelVersion(), embedder.dimensions()))) {
            IngestPipeline pipeline = new IngestPipeline(
                    extractor,
                    new TextNormalizer(),
                    new HeadingAwareChunker(new ChunkerSettings(32, 0), embedder.tokenCounter()),
                    embedder,
                    index,
                    catalog,
                    1,
                    2);
            writeVersion(docs, 1);
            pipeline.run(DirectorySource.of(docs).list(), ProgressListener.NONE);

            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<String> violation = new AtomicReference<>();
            AtomicInteger checks = new AtomicInteger();
            Thread searcherThread = new Thread(
                    () -> {
                        while (!done.get() && violation.get() == null) {
                            index.refresh();
                            IndexSearcher searcher = index.acquire();
                            try {
                                Map<String, List<Document>> byDoc = new HashMap<>();
                                for (ScoreDoc sd : searcher.search(MatchAllDocsQuery.INSTANCE, 10_000).scoreDocs) {
                                    Document d = searcher.storedFields().document(sd.doc);
                                    byDoc.computeIfAbsent(d.get(IndexFields.DOC_URI), k -> new ArrayList<>())
                                            .add(d);
                                }
                                byDoc.forEach((uri, chunks) -> {
                                    long versions = chunks.stream()
                                            .map(c -> c.get(IndexFields.DOC_HASH))
                                            .distinct()
                                            .count();
                                    int expected = chunks.get(0)
                                            .getField(IndexFields.CHUNK_COUNT)
                                            .numericValue()
                                            .intValue();
                                    if (versions != 1 || chunks.size() != expected) {
                                        violation.compareAndSet(
                                                null,
                                                uri + ": " + chunks.size() + " chunks of " + versions
                                                        + " versions, expected " + expected);
                                    }
                                });
                                if (byDoc.size() != 12) {
                                    violation.compareAndSet(null, "saw " + byDoc.size() + " documents instead of 12");
                                }
                                checks.incrementAndGet();
                            } catch (Exception e) {
                                violation.compareAndSet(null, e.toString());
                            } finally {
                                index.release(searcher);
                            }
                        }
                    },
                    "test-searcher");
            searcherThread.start();
            for (int version = 2; version <= 4; version++) {
                writeVersion(docs, version);
                IngestReport report = pipeline.run(DirectorySource.of(docs).list(), ProgressListener.NONE);
                assertThat(report.ingested()).isEqualTo(12);
            }
            done.set(true);
            searcherThread.join();
            assertThat(violation.get())
                    .as("a search saw a mixed or partial document")
                    .isNull();
            assertThat(checks.get()).as("searches that ran during ingestion").isGreaterThan(5);
        }
    }
}
