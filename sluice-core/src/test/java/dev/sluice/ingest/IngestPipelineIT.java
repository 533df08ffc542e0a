package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.core.QuarantineReason;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One ingestion of a folder of real documents in every supported format mixed with broken and
 * hostile files, through the real stages (Tika, the ONNX model, Lucene); then searches.
 */
class IngestPipelineIT {
    @TempDir
    static Path work;

    static Path corpus;
    static Path index;
    static IngestReport report;
    static boolean unreadableIsReadable;

    /** Good files and a query that should find each. */
    static final Map<String, String> GOOD = Map.of(
            "guide.md", "installer prefix requirements",
            "article.html", "how river sluices work gate channel",
            "guide.pdf", "quarantine reasons for files that cannot be read",
            "notes.txt", "second paragraph information retrieval",
            "botany.docx", "photosynthesis chloroplasts light energy",
            "astronomy.odt", "telescope observed distant galaxies",
            "latin1.txt", "volcanic eruptions lava basalt");

    @BeforeAll
    static void ingestMixedFolder() throws Exception {
        corpus = Files.createDirectories(work.resolve("corpus"));
        for (String name : List.of("guide.md", "article.html", "guide.pdf", "notes.txt")) {
            try (var in = IngestPipelineIT.class.getResourceAsStream("/docs/" + name)) {
                Files.copy(in, corpus.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        TestFiles.docx(
                corpus.resolve("botany.docx"),
                "Plant Biology",
                List.of(
                        "Photosynthesis converts light energy into chemical energy inside chloroplasts.",
                        "Leaves are green because of chlorophyll."));
        TestFiles.odt(
                corpus.resolve("astronomy.odt"),
                "Observing the Sky",
                List.of("The telescope observed distant galaxies whose light left them billions of years ago."));
        // Invalid UTF-8 (Latin-1 bytes) around real words.
        byte[] latin1 = "Volcanic eruptions pour lava; the caf\u00e9 near the crater sells basalt souvenirs.\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(corpus.resolve("latin1.txt"), latin1);

        Path broken = Files.createDirectories(corpus.resolve("broken"));
        Files.write(broken.resolve("empty.txt"), new byte[0]);
        byte[] pdf = Files.readAllBytes(corpus.resolve("guide.pdf"));
        Files.write(broken.resolve("truncated.pdf"), java.util.Arrays.copyOf(pdf, pdf.length / 3));
        byte[] binary = new byte[4096];
        new Random(1).nextBytes(binary);
        binary[10] = 0;
        Files.write(broken.resolve("binary.txt"), binary);
        TestFiles.singleLine(broken.resolve("huge-single-line.txt"), 50L * 1024 * 1024);
        Files.writeString(
                broken.resolve("nested.html"),
                "<html><body>" + "<div>".repeat(100_000) + "deeply nested marker text" + "</div>".repeat(100_000)
                        + "</body></html>");
        TestFiles.docxZipBomb(broken.resolve("bomb.docx"), 60);
        Path unreadable = Files.writeString(broken.resolve("unreadable.txt"), "secret words nobody may read");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        unreadableIsReadable = Files.isReadable(unreadable); // true when tests run as root
        Files.createSymbolicLink(broken.resolve("loop"), corpus);

        index = work.resolve("index");
        report = Sluice.ingest(IngestOptions.defaults(List.of(corpus), index), ProgressListener.NONE);
    }

    private static Map<String, QuarantineReason> reasonsByPath() {
        return report.quarantined().stream().collect(Collectors.toMap(q -> q.path(), Quarantined::reason));
    }

    @Test
    void should_account_for_every_item_seen() {
        assertThat(report.reconciles())
                .as("seen = ingested + quarantined: %s", report)
                .isTrue();
        // 7 good + 8 broken (the loop counts as an item)
        assertThat(report.seen()).isEqualTo(15);
        assertThat(report.embeddingsComputed()).isEqualTo(report.chunks());
    }

    @Test
    void should_quarantine_each_broken_file_with_its_reason() {
        Map<String, QuarantineReason> reasons = reasonsByPath();
        assertThat(reasons).containsEntry("broken/empty.txt", QuarantineReason.EMPTY);
        assertThat(reasons).containsEntry("broken/binary.txt", QuarantineReason.UNSUPPORTED_TYPE);
        assertThat(reasons).containsEntry("broken/huge-single-line.txt", QuarantineReason.TOO_LARGE);
        assertThat(reasons).containsEntry("broken/bomb.docx", QuarantineReason.EXPANSION_LIMIT);
        assertThat(reasons.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).endsWith("loop");
            assertThat(e.getValue()).isEqualTo(QuarantineReason.SYMLINK_LOOP);
        });
        if (!unreadableIsReadable) {
            assertThat(reasons).containsEntry("broken/unreadable.txt", QuarantineReason.UNREADABLE);
        }
        assertThat(report.quarantined())
                .allSatisfy(q -> assertThat(q.message()).isNotBlank().doesNotContain("\tat "));
    }

    @Test
    void should_recover_or_quarantine_a_truncated_pdf_as_corrupt() {
        QuarantineReason reason = reasonsByPath().get("broken/truncated.pdf");
        if (reason != null) {
            assertThat(reason).isEqualTo(QuarantineReason.CORRUPT);
        }
    }

    @Test
    void should_ingest_deeply_nested_html_and_invalid_utf8() throws Exception {
        assertThat(reasonsByPath()).doesNotContainKeys("broken/nested.html", "latin1.txt");
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            List<SearchHit> hits =
                    searcher.search(new SearchRequest("deeply nested marker", SearchMode.BM25, 3, SearchFilters.NONE));
            assertThat(hits).first().extracting(SearchHit::path).isEqualTo("broken/nested.html");
        }
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void should_find_every_good_document_with_a_query_about_it(SearchMode mode) {
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            GOOD.forEach((file, query) -> {
                List<SearchHit> hits = searcher.search(new SearchRequest(query, mode, 3, SearchFilters.NONE));
                assertThat(hits)
                        .as("%s search for '%s'", mode, query)
                        .extracting(SearchHit::path)
                        .contains(file);
            });
        }
    }

    @Test
    void should_cite_the_page_and_heading_of_a_pdf_hit() {
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            SearchHit hit = searcher.search(
                            new SearchRequest("quarantine reasons", SearchMode.BM25, 1, SearchFilters.NONE))
                    .get(0);
            assertThat(hit.path()).isEqualTo("guide.pdf");
            assertThat(hit.pageStart()).isPositive();
            assertThat(hit.citation()).startsWith("guide.pdf p");
            assertThat(hit.type()).isEqualTo("pdf");
            assertThat(hit.modelId()).isEqualTo("bge-small-en-v1.5-q");
            assertThat(hit.modelVersion()).contains("0.36.2");
            assertThat(hit.chunkerVersion()).isEqualTo("heading-aware/3;max=256;overlap=32");
            assertThat(hit.end()).isGreaterThan(hit.start());
        }
    }

    @Test
    void should_apply_type_and_path_filters_inside_the_query() {
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            List<SearchHit> pdfOnly = searcher.search(new SearchRequest(
                    "sluice", SearchMode.HYBRID, 10, new SearchFilters(List.of(), null, List.of("pdf"))));
            assertThat(pdfOnly)
                    .isNotEmpty()
                    .allSatisfy(h -> assertThat(h.type()).isEqualTo("pdf"));
            List<SearchHit> brokenFolder = searcher.search(new SearchRequest(
                    "marker", SearchMode.BM25, 10, new SearchFilters(List.of(), "broken/**", List.of())));
            assertThat(brokenFolder)
                    .isNotEmpty()
                    .allSatisfy(h -> assertThat(h.path()).startsWith("broken/"));
            List<SearchHit> otherSource = searcher.search(new SearchRequest(
                    "sluice", SearchMode.BM25, 10, new SearchFilters(List.of("nope"), null, List.of())));
            assertThat(otherSource).isEmpty();
        }
    }

    @Test
    void should_remove_the_indexed_version_of_a_document_that_is_quarantined_later() throws Exception {
        Path folder = Files.createDirectories(work.resolve("changing"));
        Path index = work.resolve("index-changing");
        Path file =
                Files.writeString(folder.resolve("memo.txt"), "The quarterly memo mentions zeppelins and marmalade.\n");
        Sluice.ingest(IngestOptions.defaults(List.of(folder), index), ProgressListener.NONE);
        SearchRequest query = new SearchRequest("zeppelins marmalade", SearchMode.BM25, 5, SearchFilters.NONE);
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(searcher.search(query)).extracting(SearchHit::path).containsExactly("memo.txt");
        }
        byte[] binary = new byte[2048];
        binary[0] = 0;
        Files.write(file, binary);
        IngestReport second = Sluice.ingest(IngestOptions.defaults(List.of(folder), index), ProgressListener.NONE);
        assertThat(second.quarantined())
                .singleElement()
                .extracting(Quarantined::reason)
                .isEqualTo(QuarantineReason.UNSUPPORTED_TYPE);
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(searcher.search(query))
                    .as("stale content of a quarantined file")
                    .isEmpty();
            assertThat(searcher.index().chunkCount()).isZero();
        }
    }

    @Test
    void should_give_the_same_chunk_ids_when_the_same_folder_is_ingested_again() throws Exception {
        Path again = work.resolve("index-again");
        Path small = Files.createDirectories(work.resolve("small"));
        Files.copy(corpus.resolve("guide.md"), small.resolve("guide.md"), StandardCopyOption.REPLACE_EXISTING);
        IngestReport first = Sluice.ingest(IngestOptions.defaults(List.of(small), again), ProgressListener.NONE);
        List<String> before = chunkIds(again);
        // A fresh index from the same file: same ids (identity does not depend on the run).
        Path fresh = work.resolve("index-fresh");
        Sluice.ingest(IngestOptions.defaults(List.of(small), fresh), ProgressListener.NONE);
        assertThat(chunkIds(fresh)).isNotEmpty().isEqualTo(before);
        // The same index again: nothing changed, so nothing is re-embedded and the ids stay.
        IngestReport second = Sluice.ingest(IngestOptions.defaults(List.of(small), again), ProgressListener.NONE);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.embeddingsComputed()).isZero();
        assertThat(chunkIds(again)).isEqualTo(before).hasSize(first.chunks());
    }

    private static List<String> chunkIds(Path index) {
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            return searcher.search(new SearchRequest("markdown", SearchMode.BM25, 50, SearchFilters.NONE)).stream()
                    .map(SearchHit::chunkId)
                    .sorted()
                    .toList();
        }
    }
}
