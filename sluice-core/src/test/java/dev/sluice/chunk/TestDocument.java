package dev.sluice.chunk;

import dev.sluice.extract.Block;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.NormalizedDocument.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link NormalizedDocument} the way normalization does: blocks joined by a blank line. */
final class TestDocument {
    private final String uri;
    private final StringBuilder text = new StringBuilder();
    private final List<Span> spans = new ArrayList<>();
    private int page;

    private TestDocument(String uri) {
        this.uri = uri;
    }

    static TestDocument uri(String uri) {
        return new TestDocument(uri);
    }

    /** Blocks added from now on are on {@code page} (1-based; 0 for no pages). */
    TestDocument page(int page) {
        this.page = page;
        return this;
    }

    TestDocument heading(int level, String heading) {
        return add(true, level, heading);
    }

    TestDocument text(String paragraph) {
        return add(false, 0, paragraph, Block.TablePart.NONE);
    }

    /** A table's header line: the rows added next belong to its table. */
    TestDocument tableHeader(String line) {
        return add(false, 0, line, Block.TablePart.HEADER);
    }

    TestDocument tableRow(String row) {
        return add(false, 0, row, Block.TablePart.ROW);
    }

    private TestDocument add(boolean heading, int level, String block) {
        return add(heading, level, block, Block.TablePart.NONE);
    }

    private TestDocument add(boolean heading, int level, String block, Block.TablePart part) {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        int start = text.length();
        text.append(block);
        spans.add(new Span(heading, level, start, text.length(), page, part));
        return this;
    }

    NormalizedDocument build() {
        return new NormalizedDocument(uri, "Title of " + uri, "text/plain", text.toString(), spans, Map.of());
    }
}
