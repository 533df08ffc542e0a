package dev.sluice.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.ModelTokenizer;
import dev.sluice.quality.NormalizedDocument;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Structure rules, with the real bge tokenizer (and MiniLM for its 126-token limit). */
class HeadingAwareChunkerTest {
    private static ModelTokenizer bge;
    private static ModelTokenizer miniLm;

    @BeforeAll
    static void load() {
        bge = ModelTokenizer.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q);
        miniLm = ModelTokenizer.load(EmbeddingModelSpec.ALL_MINILM_L6_V2_Q);
    }

    @AfterAll
    static void close() {
        bge.close();
        miniLm.close();
    }

    private static List<Chunk> chunk(ChunkerSettings settings, NormalizedDocument doc) {
        HeadingAwareChunker chunker = new HeadingAwareChunker(settings, bge);
        List<Chunk> chunks = chunker.chunk(doc);
        ChunkInvariants.check(doc.uri(), doc, chunks, settings, bge, chunker.version());
        return chunks;
    }

    private static String sentences(int count, String topic) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : " ")
                    .append("Sentence ")
                    .append(i)
                    .append(" says something about ")
                    .append(topic)
                    .append('.');
        }
        return sb.toString();
    }

    @Test
    void should_make_one_chunk_of_a_small_document() {
        NormalizedDocument doc = TestDocument.uri("file:///small.md")
                .heading(1, "Intro")
                .text("Short text.")
                .text("More.")
                .build();
        List<Chunk> chunks = chunk(ChunkerSettings.defaults(), doc);
        assertThat(chunks).hasSize(1);
        Chunk only = chunks.getFirst();
        assertThat(only.text()).isEqualTo("Intro\n\nShort text.\n\nMore.");
        assertThat(only.start()).isZero();
        assertThat(only.end()).isEqualTo(doc.text().length());
        assertThat(only.headingPath()).containsExactly("Intro");
        assertThat(only.title()).isEqualTo("Title of file:///small.md");
        assertThat(only.pageStart()).isZero();
        assertThat(only.pageEnd()).isZero();
        assertThat(only.chunkerVersion()).isEqualTo("heading-aware/3;max=256;overlap=32");
    }

    @Test
    void should_give_nested_headings_the_path_of_the_content_they_enclose() {
        NormalizedDocument doc = TestDocument.uri("file:///nested.md")
                .heading(1, "A")
                .heading(2, "B")
                .heading(3, "C")
                .heading(2, "D")
                .text("Text under D.")
                .heading(3, "E")
                .text("Text under E.")
                .heading(1, "F")
                .text("Text under F.")
                .build();
        List<Chunk> chunks = chunk(ChunkerSettings.defaults(), doc);
        assertThat(chunks)
                .extracting(Chunk::text)
                .containsExactly("A\n\nB\n\nC\n\nD\n\nText under D.", "E\n\nText under E.", "F\n\nText under F.");
        assertThat(chunks)
                .extracting(Chunk::headingPath)
                .containsExactly(List.of("A", "D"), List.of("A", "D", "E"), List.of("F"));
    }

    @Test
    void should_start_a_new_chunk_at_every_heading_after_content() {
        NormalizedDocument doc = TestDocument.uri("file:///sections.md")
                .heading(1, "One")
                .text("Alpha.")
                .heading(1, "Two")
                .text("Beta.")
                .text("Gamma.")
                .build();
        assertThat(chunk(ChunkerSettings.defaults(), doc))
                .extracting(Chunk::text)
                .containsExactly("One\n\nAlpha.", "Two\n\nBeta.\n\nGamma.");
    }

    @Test
    void should_merge_a_heading_only_section_into_the_next_section() {
        NormalizedDocument doc = TestDocument.uri("file:///empty-section.md")
                .heading(1, "Guide")
                .heading(2, "Install")
                .text("Run the installer.")
                .build();
        List<Chunk> chunks = chunk(ChunkerSettings.defaults(), doc);
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Guide\n\nInstall\n\nRun the installer.");
            assertThat(c.headingPath()).containsExactly("Guide", "Install");
        });
    }

    @Test
    void should_keep_a_trailing_heading_as_its_own_chunk() {
        NormalizedDocument doc = TestDocument.uri("file:///tail.md")
                .heading(1, "A")
                .text("Body.")
                .heading(2, "Loose end")
                .build();
        assertThat(chunk(ChunkerSettings.defaults(), doc))
                .extracting(Chunk::text, Chunk::headingPath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A\n\nBody.", List.of("A")),
                        org.assertj.core.groups.Tuple.tuple("Loose end", List.of("A", "Loose end")));
    }

    @Test
    void should_cut_a_heading_too_big_for_one_chunk_and_keep_its_section_together() {
        NormalizedDocument doc = TestDocument.uri("file:///big-heading.md")
                .heading(1, "Top")
                .text("Intro text.")
                .heading(2, RandomDocuments.sentence(new Random(3), 80, true))
                .text(sentences(6, "the long heading"))
                .build();
        List<Chunk> chunks = chunk(new ChunkerSettings(24, 4), doc);
        assertThat(chunks).hasSizeGreaterThan(4);
        assertThat(chunks.getFirst().text()).isEqualTo("Top\n\nIntro text.");
        assertThat(chunks.getLast().headingPath()).hasSize(2).first().isEqualTo("Top");
    }

    @Test
    void should_pack_whole_blocks_and_repeat_trailing_sentences_as_overlap() {
        TestDocument builder = TestDocument.uri("file:///long.md").heading(1, "Long");
        for (int p = 0; p < 12; p++) {
            builder.text(sentences(4, "paragraph " + p));
        }
        NormalizedDocument doc = builder.build();
        ChunkerSettings settings = new ChunkerSettings(64, 16);
        List<Chunk> chunks = chunk(settings, doc);
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.headingPath()).containsExactly("Long"));
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            Chunk next = chunks.get(i);
            assertThat(next.start())
                    .as("chunk %d repeats the end of chunk %d", i, i - 1)
                    .isLessThan(previous.end());
            assertThat(next.text()).startsWith("Sentence ");
        }
    }

    @Test
    void should_not_overlap_across_a_heading_or_when_overlap_is_zero() {
        TestDocument builder = TestDocument.uri("file:///no-overlap.md");
        for (int s = 0; s < 3; s++) {
            builder.heading(2, "Section " + s);
            for (int p = 0; p < 4; p++) {
                builder.text(sentences(5, "section " + s + " paragraph " + p));
            }
        }
        NormalizedDocument doc = builder.build();
        List<Chunk> withOverlap = chunk(new ChunkerSettings(100, 30), doc);
        for (int i = 1; i < withOverlap.size(); i++) {
            if (withOverlap.get(i).text().startsWith("Section ")) {
                assertThat(withOverlap.get(i).start())
                        .isGreaterThan(withOverlap.get(i - 1).end());
            }
        }
        List<Chunk> without = chunk(new ChunkerSettings(100, 0), doc);
        for (int i = 1; i < without.size(); i++) {
            assertThat(without.get(i).start()).isGreaterThan(without.get(i - 1).end());
        }
    }

    @Test
    void should_start_a_new_chunk_on_each_page_even_when_the_text_would_fit_in_one() {
        NormalizedDocument doc = TestDocument.uri("file:///paged.pdf")
                .page(1)
                .heading(1, "Report")
                .text(sentences(3, "page one"))
                .page(2)
                .text(sentences(3, "page two"))
                .page(3)
                .heading(1, "Annex")
                .text(sentences(3, "page three"))
                .build();
        List<Chunk> chunks = chunk(ChunkerSettings.defaults(), doc);
        assertThat(chunks)
                .extracting(Chunk::pageStart, Chunk::pageEnd, Chunk::headingPath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 1, List.of("Report")),
                        org.assertj.core.groups.Tuple.tuple(2, 2, List.of("Report")),
                        org.assertj.core.groups.Tuple.tuple(3, 3, List.of("Annex")));
        assertThat(chunks.get(1).text()).contains("page two").doesNotContain("page one");
    }

    @Test
    void should_not_carry_the_overlap_of_a_long_page_onto_the_next_page() {
        NormalizedDocument doc = TestDocument.uri("file:///paged.pdf")
                .page(1)
                .text(sentences(40, "first page"))
                .page(2)
                .text(sentences(40, "second page"))
                .build();
        List<Chunk> chunks = chunk(new ChunkerSettings(64, 16), doc);
        assertThat(chunks).hasSizeGreaterThan(4);
        for (Chunk c : chunks) {
            assertThat(c.pageStart()).isEqualTo(c.pageEnd());
            assertThat(c.text()).doesNotContain(c.pageStart() == 1 ? "second page" : "first page");
        }
        assertThat(chunks.get(1).start()).isLessThan(chunks.get(0).end()); // overlap within a page still works
    }

    @Test
    void should_honour_the_126_token_limit_of_minilm() {
        EmbeddingModelSpec spec = EmbeddingModelSpec.ALL_MINILM_L6_V2_Q;
        ChunkerSettings settings = ChunkerSettings.defaultsWithin(spec.maxChunkTokens())
                .requireWithinModelLimit(spec.id(), spec.maxChunkTokens());
        Random random = new Random(126);
        TestDocument builder = TestDocument.uri("file:///minilm.md").heading(1, "MiniLM");
        builder.text(RandomDocuments.paragraph(random, 40, 30));
        builder.text(RandomDocuments.sentence(random, 600, true));
        builder.text(RandomDocuments.base64(random, 3000));
        NormalizedDocument doc = builder.build();
        HeadingAwareChunker chunker = new HeadingAwareChunker(settings, miniLm);
        List<Chunk> chunks = chunker.chunk(doc);
        ChunkInvariants.check("minilm", doc, chunks, settings, miniLm, chunker.version());
        assertThat(chunks).allSatisfy(c -> assertThat(miniLm.count(c.text())).isLessThanOrEqualTo(126));
        assertThat(chunks).anySatisfy(c -> assertThat(c.tokenCount()).isGreaterThan(100));
        assertThat(chunker.version()).isEqualTo("heading-aware/3;max=126;overlap=32");
    }

    @Test
    void should_split_an_unbroken_run_at_token_boundaries_within_the_limit() {
        String run = RandomDocuments.base64(new Random(7), 10_000);
        NormalizedDocument doc = TestDocument.uri("file:///blob.txt")
                .text("Before. " + run + " after.")
                .build();
        List<Chunk> chunks = chunk(new ChunkerSettings(128, 16), doc);
        assertThat(chunks).hasSizeGreaterThan(10);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isBetween(1, 128));
    }

    @Test
    void should_give_the_same_ids_for_the_same_input_and_new_ids_for_new_settings_or_uri() {
        NormalizedDocument doc = TestDocument.uri("file:///ids.md")
                .heading(1, "Ids")
                .text(sentences(40, "identity"))
                .build();
        List<Chunk> first = chunk(new ChunkerSettings(64, 8), doc);
        List<Chunk> again = chunk(new ChunkerSettings(64, 8), doc);
        assertThat(again)
                .extracting(Chunk::id)
                .isEqualTo(first.stream().map(Chunk::id).toList());
        List<Chunk> otherSettings = chunk(new ChunkerSettings(64, 9), doc);
        assertThat(otherSettings)
                .extracting(Chunk::id)
                .doesNotContainAnyElementsOf(first.stream().map(Chunk::id).toList());
        NormalizedDocument moved = new NormalizedDocument(
                "file:///moved.md", doc.title(), doc.mediaType(), doc.text(), doc.spans(), Map.of());
        assertThat(chunk(new ChunkerSettings(64, 8), moved))
                .extracting(Chunk::id)
                .doesNotContainAnyElementsOf(first.stream().map(Chunk::id).toList());
    }

    @Test
    void should_chunk_text_that_no_span_covers() {
        String text = "  Loose text with no spans at all.\n\nSecond paragraph.  ";
        NormalizedDocument doc =
                new NormalizedDocument("file:///nospans.txt", "t", "text/plain", text, List.of(), Map.of());
        List<Chunk> chunks = new HeadingAwareChunker(ChunkerSettings.defaults(), bge).chunk(doc);
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("Loose text with no spans at all.\n\nSecond paragraph.");
            assertThat(c.headingPath()).isEmpty();
        });
        NormalizedDocument empty =
                new NormalizedDocument("file:///empty.txt", "t", "text/plain", " \n\n ", List.of(), Map.of());
        assertThat(new HeadingAwareChunker(ChunkerSettings.defaults(), bge).chunk(empty))
                .isEmpty();
    }

    @Test
    void should_lose_no_text_when_spans_overlap_leave_gaps_or_run_past_the_end() {
        String text = "Alpha beta gamma.\n\nText no span covers.\n\nDelta epsilon.\n\n \n\nZeta eta theta iota.";
        int delta = text.indexOf("Delta");
        int zeta = text.indexOf("Zeta");
        List<NormalizedDocument.Span> spans = List.of(
                new NormalizedDocument.Span(false, 0, zeta, text.length() + 50, 3), // out of order, past the end
                new NormalizedDocument.Span(true, 0, 0, 11, 1), // heading with a level out of range
                new NormalizedDocument.Span(false, 0, 6, 17, 1), // overlaps the heading
                new NormalizedDocument.Span(true, 2, delta - 4, delta - 1, 2), // blank heading
                new NormalizedDocument.Span(false, 0, delta, delta + 14, 2));
        NormalizedDocument doc = new NormalizedDocument("file:///faulty.txt", "t", "text/plain", text, spans, Map.of());
        for (ChunkerSettings settings : List.of(ChunkerSettings.defaults(), new ChunkerSettings(4, 1))) {
            HeadingAwareChunker chunker = new HeadingAwareChunker(settings, bge);
            List<Chunk> chunks = chunker.chunk(doc);
            ChunkInvariants.check("faulty spans " + settings, doc, chunks, settings, bge, chunker.version(), false);
            assertThat(chunks.getFirst().headingPath()).containsExactly("Alpha beta");
        }
    }

    @Test
    void should_chunk_a_two_megabyte_single_line_within_seconds_and_the_limit() {
        byte[] bytes = new byte[1_536_000];
        new Random(2).nextBytes(bytes);
        String line = java.util.Base64.getEncoder().encodeToString(bytes); // 2,048,000 characters, no whitespace
        NormalizedDocument doc =
                TestDocument.uri("file:///data-uri.md").text(line).build();
        HeadingAwareChunker chunker = new HeadingAwareChunker(ChunkerSettings.defaults(), bge);
        long startNanos = System.nanoTime();
        List<Chunk> chunks = chunker.chunk(doc);
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        System.out.println("2 MB single line: " + chunks.size() + " chunks in " + millis + " ms");
        assertThat(millis).as("chunking 2 MB took %d ms", millis).isLessThan(15_000);
        int covered = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertThat(c.tokenCount()).isBetween(1, 256);
            assertThat(c.start()).isEqualTo(covered); // no whitespace, no overlap: pieces tile the line
            covered = c.end();
            if (i % 50 == 0
                    || i == chunks.size() - 1) { // the real count, on a sample: counting all would double the test
                assertThat(bge.count(c.text())).isEqualTo(c.tokenCount());
            }
        }
        assertThat(covered).isEqualTo(line.length());
    }

    private static final String CASH_FLOW_HEADER =
            "Consolidated Statement of Cash Flows | 2018 | 2017 | 2016 (Millions)";

    private static String cashFlowRow(int i) {
        return "Purchases of property, plant and equipment, line " + i + " | 2018: (1," + (100 + i) + ") | 2017: (1,"
                + (200 + i) + ") | 2016: (1," + (300 + i) + ") (Millions)";
    }

    @Test
    void should_repeat_the_table_header_at_the_top_of_each_part_of_a_long_table() {
        TestDocument builder = TestDocument.uri("file:///cash-flows.pdf")
                .page(60)
                .text("Our cash flows were strong.")
                .tableHeader(CASH_FLOW_HEADER);
        for (int i = 0; i < 40; i++) {
            builder.tableRow(cashFlowRow(i));
        }
        NormalizedDocument doc = builder.text("The accompanying notes are an integral part of this statement.")
                .build();
        ChunkerSettings settings = new ChunkerSettings(128, 16);

        List<Chunk> chunks = chunk(settings, doc);

        List<Chunk> tableParts =
                chunks.stream().filter(c -> c.text().contains("line ")).toList();
        assertThat(tableParts).hasSizeGreaterThan(2);
        assertThat(tableParts)
                .as("every part of the table starts with its header, then whole rows")
                .allSatisfy(c -> assertThat(c.text()).startsWith(CASH_FLOW_HEADER + "\n\nPurchases of property"));
        assertThat(tableParts.getFirst().start())
                .as("the first part is the table itself, from its header, not the prose before it")
                .isEqualTo(doc.text().indexOf(CASH_FLOW_HEADER));
        assertThat(tableParts.subList(1, tableParts.size()))
                .as("later parts repeat the header before their rows; their offsets cover the rows only")
                .allSatisfy(c ->
                        assertThat(doc.text().substring(c.start(), c.end())).startsWith("Purchases"));
        for (int i = 0; i < 40; i++) {
            String row = cashFlowRow(i) + "\n";
            assertThat(chunks.stream().filter(c -> (c.text() + "\n").contains(row)))
                    .as("row %d is whole in exactly one chunk: rows are never repeated as overlap", i)
                    .hasSize(1);
        }
    }

    @Test
    void should_move_a_table_that_fits_into_a_chunk_of_its_own_rather_than_split_it() {
        TestDocument builder = TestDocument.uri("file:///small-table.pdf")
                .text(sentences(12, "the year"))
                .tableHeader(CASH_FLOW_HEADER);
        for (int i = 0; i < 3; i++) {
            builder.tableRow(cashFlowRow(i));
        }
        NormalizedDocument doc = builder.build();
        ChunkerSettings settings = new ChunkerSettings(200, 0);

        List<Chunk> chunks = chunk(settings, doc);

        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(1).text()).startsWith(CASH_FLOW_HEADER).contains(cashFlowRow(0), cashFlowRow(2));
    }

    @Test
    void should_keep_a_small_table_in_the_chunk_of_the_text_around_it() {
        NormalizedDocument doc = TestDocument.uri("file:///inline-table.html")
                .text("Parts of a sluice.")
                .tableHeader("Part | Material")
                .tableRow("Gate | Material: Steel")
                .tableRow("Channel | Material: Concrete")
                .text("Water always finds its level.")
                .build();

        List<Chunk> chunks = chunk(ChunkerSettings.defaults(), doc);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().text()).isEqualTo(doc.text());
    }

    @Test
    void should_not_repeat_a_header_that_would_crowd_out_the_rows() {
        String longHeader = "A long caption that names the statement, the company, its segments and the periods"
                + " it covers, in words | 2018 | 2017"; // about 30 tokens: more than a third of 64
        TestDocument builder = TestDocument.uri("file:///long-header.pdf").tableHeader(longHeader);
        for (int i = 0; i < 30; i++) {
            builder.tableRow(cashFlowRow(i));
        }
        NormalizedDocument doc = builder.build();

        List<Chunk> chunks = chunk(new ChunkerSettings(64, 0), doc);

        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks.subList(1, chunks.size()))
                .allSatisfy(c -> assertThat(c.text()).doesNotContain("a long caption"));
    }

    @Test
    void should_keep_a_heading_with_the_long_table_under_it() {
        TestDocument builder = TestDocument.uri("file:///statements.html")
                .heading(2, "Consolidated Statement of Cash Flows")
                .tableHeader(CASH_FLOW_HEADER);
        for (int i = 0; i < 30; i++) {
            builder.tableRow(cashFlowRow(i));
        }
        NormalizedDocument doc = builder.build();

        List<Chunk> chunks = chunk(new ChunkerSettings(128, 16), doc);

        assertThat(chunks.getFirst().text())
                .as("the heading is not a chunk by itself")
                .startsWith("Consolidated Statement of Cash Flows\n\n" + CASH_FLOW_HEADER + "\n\n" + cashFlowRow(0));
        assertThat(chunks.subList(1, chunks.size()))
                .allSatisfy(c -> assertThat(c.text()).startsWith(CASH_FLOW_HEADER + "\n\nPurchases"));
    }
}
