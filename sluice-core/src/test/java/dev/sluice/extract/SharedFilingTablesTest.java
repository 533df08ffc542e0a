package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.chunk.Chunk;
import dev.sluice.chunk.ChunkerSettings;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.ModelTokenizer;
import dev.sluice.quality.TextNormalizer;
import dev.sluice.testkit.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A real filing: 3M's 2018 10-K, whose page 60 is the Consolidated Statement of Cash Flows (the page
 * FinanceBench asks about for 3M's capital expenditure). Skipped when the shared data folder is absent.
 */
class SharedFilingTablesTest {
    private static final String PPE_ROW =
            "Purchases of property, plant and equipment (PP&E) | (1,577) | (1,373) | (1,420)";

    @Test
    void should_read_the_ppe_row_of_3m_cash_flow_statement_with_its_label_years_and_values() throws Exception {
        Optional<Path> pdf = SharedData.resolve("documents/filings/3M_2018_10K.pdf");
        Assumptions.assumeTrue(
                pdf.isPresent(), "shared data documents/filings/3M_2018_10K.pdf not found; skipping the 3M table test");

        ExtractedDocument doc;
        try (DocumentExtractor extractor = new DocumentExtractor()) {
            doc = extractor.extract(pdf.get(), pdf.get().toUri().toString());
        }

        List<Block> page60 = doc.blocks().stream().filter(b -> b.page() == 60).toList();
        assertThat(page60)
                .filteredOn(b -> b.tablePart() == Block.TablePart.HEADER)
                .extracting(Block::text)
                .containsExactly(
                        "3M Company and Subsidiaries Consolidated Statement of Cash Flow s Years ended December 31"
                                + " | 2018 | 2017 | 2016 (Millions)");
        assertThat(page60)
                .filteredOn(b -> b.tablePart() == Block.TablePart.ROW)
                .extracting(Block::text)
                .contains(
                        "Cash Flows from Investing Activities",
                        PPE_ROW,
                        "Adjustments to reconcile net income including noncontrolling interest to net cash provided by"
                                + " operating activities",
                        "Net cash provided by (used in) operating activities | 6,439 | 6,240 | 6,662");

        ChunkerSettings settings = ChunkerSettings.defaults();
        List<Chunk> chunks;
        try (ModelTokenizer tokenizer = ModelTokenizer.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q)) {
            chunks = new HeadingAwareChunker(settings, tokenizer).chunk(new TextNormalizer().normalize(doc));
        }
        assertThat(chunks)
                .as("the row is whole in one chunk of page 60, under its statement's header (page 49 repeats it)")
                .filteredOn(c -> c.text().contains(PPE_ROW) && c.pageStart() == 60)
                .singleElement()
                .satisfies(c -> assertThat(c.text())
                        .startsWith("3M Company and Subsidiaries Consolidated Statement of Cash Flow s"));
    }
}
