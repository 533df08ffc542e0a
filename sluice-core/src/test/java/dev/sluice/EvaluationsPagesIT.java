package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.eval.EvalQueryResult;
import dev.sluice.eval.Metric;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Page- and passage-level evaluation through the front door ({@link KnowledgeBase#eval()}), the path
 * {@code sluice eval run} takes: a real four-page PDF (made here with PDFBox, one topic per page)
 * and a Markdown note are ingested into a real knowledge base, and a page-judged eval set is run in
 * BM25 mode, whose ranking is exact, so the page metrics are asserted to the last digit.
 */
class EvaluationsPagesIT {
    /** One topic per page; words of one page appear on no other. */
    static final List<List<String>> PAGES = List.of(
            List.of(
                    "Tides rise and fall twice a day as the moon pulls the oceans.",
                    "Spring tides come with the full moon and the new moon."),
            List.of(
                    "Volcanoes erupt where magma reaches the surface as lava.",
                    "Basalt forms when lava cools quickly near the vent."),
            List.of(
                    "Glaciers carve valleys as compacted snow flows downhill.",
                    "Moraines mark where a glacier once stopped and melted."),
            List.of(
                    "Deserts receive little rain and their dunes move with the wind.",
                    "Cacti store water in thick stems to survive the drought."));

    @TempDir
    static Path work;

    static KnowledgeBase kb;

    @BeforeAll
    static void ingest() throws IOException {
        Path docs = Files.createDirectories(work.resolve("docs"));
        writePdf(docs.resolve("earth.pdf"), PAGES);
        Files.writeString(
                docs.resolve("notes.md"),
                "# Notes\n\nA glacier is a river of ice; valleys it carved are U-shaped.\n",
                StandardCharsets.UTF_8);
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: docs\n    path: docs\nchunking:\n  maxTokens: 44\n  overlapTokens: 0\n",
                StandardCharsets.UTF_8);
        kb = KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
        kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    @AfterAll
    static void close() {
        if (kb != null) {
            kb.close();
        }
    }

    /** A PDF with one page per list of lines. */
    static void writePdf(Path target, List<List<String>> pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.newLineAtOffset(72, 760);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLineAtOffset(0, -28);
                    }
                    content.endText();
                }
            }
            document.save(target.toFile());
        }
    }

    private static Path set(String name, String... lines) throws IOException {
        return Files.write(work.resolve(name), List.of(lines), StandardCharsets.UTF_8);
    }

    private static Evaluations.RunOutcome run(Path set, List<Metric> metrics) {
        return kb.eval()
                .run(new Evaluations.RunRequest(
                        set, null, List.of(SearchMode.BM25), metrics, 100, 1, false, null, List.of(1, 10)));
    }

    /**
     * earth.pdf gives one chunk per page, since a new page starts a new chunk (asserted first, since every
     * figure below rests on it), and notes.md one unpaged chunk.
     */
    @Test
    void should_score_pages_and_passages_from_the_chunk_hits_exactly() throws IOException {
        assertThat(
                        kb
                                .search(new SearchRequest(
                                        "moon lava glacier cacti", SearchMode.BM25, 10, SearchFilters.NONE))
                                .stream()
                                .filter(h -> h.path().equals("earth.pdf"))
                                .map(h -> h.pageStart() + "-" + h.pageEnd())
                                .sorted()
                                .toList())
                .containsExactly("1-1", "2-2", "3-3", "4-4");
        Path set = set(
                "pages.jsonl",
                // The chunk of page 1 is first: every page metric is 1.
                "{\"id\": \"tides\", \"question\": \"when do spring tides come\","
                        + " \"relevant\": [{\"doc\": \"earth.pdf\", \"page\": 1}]}",
                // notes.md's chunk ranks first (it also has river and ice), the chunk of page 3 second: MRR 1/2.
                "{\"id\": \"glacier\", \"question\": \"glacier valleys river of ice\","
                        + " \"relevant\": [{\"doc\": \"earth.pdf\", \"page\": 3}]}",
                // Page 4 is found, page 1 is not retrieved at all: page recall 1/2.
                "{\"id\": \"deserts\", \"question\": \"desert dunes and the wind\","
                        + " \"relevant\": [{\"doc\": \"earth.pdf\", \"page\": [4, 1]}]}",
                // A passage quoted with other case and spacing.
                "{\"id\": \"cacti\", \"question\": \"what do cacti store\","
                        + " \"relevant\": [{\"doc\": \"earth.pdf\", \"passage\": \"store WATER in thick   stems\"}]}");
        Evaluations.RunOutcome outcome = run(set, null);

        Map<String, Double> means = outcome.run().means().get("bm25");
        System.out.println("MEANS " + means);
        kb.evalRuns()
                .evalResults(outcome.run().id())
                .forEach(r -> System.out.println("ROW " + r.queryId() + " " + r.values() + " " + r.topDocuments()));
        assertThat(outcome.run().metrics())
                .as("the defaults at cutoffs 1 and 10, with the page metrics since the set has evidence")
                .contains("hit@10", "page_hit@10", "page_recall@10", "page_mrr@10", "page_hit@1");
        assertThat(means.get("page_hit@1")).isEqualTo(0.75);
        assertThat(means.get("page_hit@10")).isEqualTo(1.0);
        assertThat(means.get("page_recall@1")).isEqualTo(0.625);
        assertThat(means.get("page_recall@10")).isEqualTo(0.875);
        assertThat(means.get("page_mrr@10")).isEqualTo(0.875);
        assertThat(means.get("page_mrr@1")).isEqualTo(0.75);
        assertThat(means.get("hit@1"))
                .as("documents: earth.pdf is second for 'glacier valleys river of ice'")
                .isEqualTo(0.75);

        EvalQueryResult glacier = kb.evalRuns().evalResults(outcome.run().id()).stream()
                .filter(r -> r.queryId().equals("glacier"))
                .findFirst()
                .orElseThrow();
        assertThat(glacier.values())
                .containsEntry("page_hit@1", 0.0)
                .containsEntry("page_mrr@10", 0.5)
                .containsEntry("page_recall@10", 1.0);
        assertThat(glacier.topDocuments()).containsExactly("notes.md", "earth.pdf");
    }

    @Test
    void should_name_the_line_of_a_page_the_document_does_not_have() throws IOException {
        Path set = set(
                "beyond.jsonl",
                "{\"id\": \"tides\", \"question\": \"tides\", \"relevant\": [{\"doc\": \"earth.pdf\", \"page\": 4}]}",
                "{\"id\": \"lava\", \"question\": \"lava\", \"relevant\": [{\"doc\": \"earth.pdf\", \"page\": [2, 9]}]}");
        int before = kb.evalRuns().evalRuns().size();
        assertThatThrownBy(() -> run(set, null))
                .isInstanceOf(SluiceException.class)
                .hasMessage(set + " line 2: page 9 of 'earth.pdf' (query 'lava') does not exist: the document's last"
                        + " page in the index is 4. Pages count from 1, as PDF viewers count them");

        Path unpaged = set(
                "unpaged.jsonl",
                "{\"id\": \"ice\", \"question\": \"ice\", \"relevant\": [{\"doc\": \"notes.md\", \"page\": 1}]}");
        assertThatThrownBy(() -> run(unpaged, null))
                .hasMessageStartingWith(unpaged + " line 1: page 1 of 'notes.md' (query 'ice') does not exist: the"
                        + " document has no pages in the index");
        assertThat(kb.evalRuns().evalRuns()).as("nothing stored").hasSize(before);
    }

    @Test
    void should_refuse_page_metrics_for_queries_without_evidence_naming_them() throws IOException {
        Path set = set(
                "partly.jsonl",
                "{\"id\": \"tides\", \"question\": \"tides\", \"relevant\": [{\"doc\": \"earth.pdf\", \"page\": 1}]}",
                "{\"id\": \"ice\", \"question\": \"glacier\", \"relevant\": [\"notes.md\"]}");
        assertThatThrownBy(() -> run(set, List.of(Metric.parse("page_hit@10"))))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("page_hit@10 need page or passage evidence for every query, but 1 of 2 queries"
                        + " of 'partly' have none: ice;");

        Evaluations.RunOutcome documents = run(set, List.of(Metric.parse("hit@10")));
        assertThat(documents.run().means().get("bm25")).containsOnlyKeys("hit@10");
        assertThatThrownBy(() -> run(set, null))
                .as("the defaults include the page metrics as soon as one query has evidence")
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("have none: ice;")
                .hasMessageEndingWith("the default metrics include the page metrics because some queries have"
                        + " evidence; name the metrics (--metrics) to leave them out");
    }
}
