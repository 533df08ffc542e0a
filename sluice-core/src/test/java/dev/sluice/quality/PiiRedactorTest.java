package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ItemFailure;
import dev.sluice.extract.Block;
import dev.sluice.extract.ExtractedDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
    private static final List<String> VALUES = List.of(
            "jane.doe@example.com",
            "+44 20 7946 0958",
            "(212) 555-0147",
            "4111 1111 1111 1111",
            "DE89 3704 0044 0532 0130 00",
            "DNI 12345678Z",
            "SSN 123-45-6789");
    private static final List<String> WORDS = List.of(
            "revenue", "grew", "in", "2019", "by", "4%", "the", "board", "approved", "$1,234", "café", "Zürich");

    private final PiiScanner scanner = new PiiScanner();

    @Test
    void should_replace_each_hit_by_its_kind_in_brackets() {
        String text = "Mail jane.doe@example.com or call +44 20 7946 0958; card 4111 1111 1111 1111.";
        assertThat(PiiRedactor.redact(text, scanner.scan(text)))
                .isEqualTo("Mail [email] or call [phone]; card [card].");
        assertThat(PiiRedactor.placeholder(PiiKind.NATIONAL_ID)).isEqualTo("[national-id]");
        assertThat(PiiRedactor.redact(text, List.of())).isSameAs(text);
    }

    @Test
    void should_keep_every_span_exactly_on_its_redacted_block_for_random_documents() throws ItemFailure {
        long seed = System.nanoTime();
        System.out.println("PiiRedactorTest seed: " + seed + " (replay: new Random(" + seed + "L))");
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            NormalizedDocument doc = randomDocument(random);
            List<PiiHit> hits = scanner.scan(doc.text());
            NormalizedDocument redacted = PiiRedactor.redact(doc, hits);

            assertThat(redacted.spans()).as("seed %d", seed).hasSameSizeAs(doc.spans());
            List<String> blocks = new ArrayList<>();
            for (int i = 0; i < doc.spans().size(); i++) {
                NormalizedDocument.Span before = doc.spans().get(i);
                NormalizedDocument.Span after = redacted.spans().get(i);
                String block = doc.text().substring(before.start(), before.end());
                List<PiiHit> inBlock = new ArrayList<>();
                for (PiiHit h : hits) {
                    if (h.start() >= before.start() && h.end() <= before.end()) {
                        inBlock.add(
                                new PiiHit(h.kind(), h.start() - before.start(), h.end() - before.start(), h.masked()));
                    }
                }
                String expected = PiiRedactor.redact(block, inBlock);
                assertThat(redacted.text().substring(after.start(), after.end()))
                        .as("seed %d, block %d", seed, i)
                        .isEqualTo(expected);
                assertThat(after.page()).isEqualTo(before.page());
                assertThat(after.tablePart()).isEqualTo(before.tablePart());
                blocks.add(expected);
            }
            assertThat(redacted.text())
                    .as("the text is still the blocks joined by the separator, seed %d", seed)
                    .isEqualTo(String.join(TextNormalizer.BLOCK_SEPARATOR, blocks));
            assertThat(scanner.scan(redacted.text()))
                    .as("nothing left to find, seed %d", seed)
                    .isEmpty();
            for (String value : VALUES) {
                assertThat(redacted.text()).doesNotContain(value.replaceFirst("^(DNI|SSN) ", ""));
            }
        }
    }

    private static NormalizedDocument randomDocument(Random random) throws ItemFailure {
        List<Block> blocks = new ArrayList<>();
        int n = 1 + random.nextInt(6);
        for (int b = 0; b < n; b++) {
            StringBuilder text = new StringBuilder();
            int words = 3 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ");
                text.append(
                        random.nextInt(4) == 0
                                ? VALUES.get(random.nextInt(VALUES.size()))
                                : WORDS.get(random.nextInt(WORDS.size())));
            }
            Block.TablePart part = random.nextInt(4) == 0 ? Block.TablePart.ROW : Block.TablePart.NONE;
            blocks.add(new Block(Block.Kind.TEXT, 0, text.toString(), 1 + b / 2, part));
        }
        ExtractedDocument raw =
                new ExtractedDocument("file:///random.pdf", "Random", "application/pdf", blocks, (n + 1) / 2, Map.of());
        return new TextNormalizer().normalize(raw);
    }

    @Test
    void should_refuse_hits_that_cross_a_block_or_come_out_of_order() throws ItemFailure {
        NormalizedDocument doc = new TextNormalizer()
                .normalize(new ExtractedDocument(
                        "file:///a.txt",
                        "A",
                        "text/plain",
                        List.of(
                                new Block(Block.Kind.TEXT, 0, "first block", 0, Block.TablePart.NONE),
                                new Block(Block.Kind.TEXT, 0, "second block", 0, Block.TablePart.NONE)),
                        0,
                        Map.of()));
        PiiHit across = new PiiHit(PiiKind.EMAIL, 6, 15, "x***@y");
        assertThatThrownBy(() -> PiiRedactor.redact(doc, List.of(across)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email 6..15 (x***@y) of file:///a.txt is not inside one block");
        PiiHit a = new PiiHit(PiiKind.PHONE, 6, 11, "*** 00");
        PiiHit b = new PiiHit(PiiKind.PHONE, 0, 5, "*** 00");
        assertThatThrownBy(() -> PiiRedactor.redact(doc.text(), List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pass the hits in text order");
        assertThatThrownBy(() -> PiiRedactor.redact("short", List.of(a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends past the text (length 5)");
    }
}
