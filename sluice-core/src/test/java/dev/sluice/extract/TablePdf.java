package dev.sluice.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes small PDFs laid out like financial statements: text placed at x, y (points from the top left),
 * numbers right-aligned at a column's right edge, as filings set them. For the table tests.
 */
final class TablePdf {
    static final float LINE = 12f;

    private final List<PageSpec> pages = new ArrayList<>();

    private record Text(float x, float y, String text, boolean rightAligned, boolean bold) {}

    private record PageSpec(List<Text> texts, int rotation, boolean image) {}

    private PageSpec current;

    /** Starts a new upright page. */
    TablePdf page() {
        return page(0);
    }

    /** Starts a new page with a /Rotate entry (0, 90, 180, 270). */
    TablePdf page(int rotation) {
        current = new PageSpec(new ArrayList<>(), rotation, false);
        pages.add(current);
        return this;
    }

    /** A page with a filled rectangle and no text: what a scanned page gives without OCR. */
    TablePdf scannedPage() {
        current = new PageSpec(new ArrayList<>(), 0, true);
        pages.add(current);
        return this;
    }

    TablePdf text(float x, float y, String text) {
        current.texts().add(new Text(x, y, text, false, false));
        return this;
    }

    TablePdf bold(float x, float y, String text) {
        current.texts().add(new Text(x, y, text, false, true));
        return this;
    }

    /** Text whose right edge is at {@code right}. */
    TablePdf right(float right, float y, String text) {
        current.texts().add(new Text(right, y, text, true, false));
        return this;
    }

    /**
     * A table row: the label at x=72, then each value right-aligned at 400, 480, 560...; a null value
     * leaves the cell empty.
     */
    TablePdf row(float y, String label, String... values) {
        if (label != null) {
            text(72, y, label);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                right(400 + 80 * i, y, values[i]);
            }
        }
        return this;
    }

    void write(Path target) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (PageSpec spec : pages) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                page.setRotation(spec.rotation());
                document.addPage(page);
                float height = page.getMediaBox().getHeight();
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    if (spec.image()) {
                        content.addRect(72, 72, 400, 600);
                        content.fill();
                    }
                    for (Text t : spec.texts()) {
                        PDType1Font font = t.bold() ? bold : regular;
                        float size = 9;
                        float x = t.rightAligned() ? t.x() - font.getStringWidth(t.text()) / 1000 * size : t.x();
                        content.beginText();
                        content.setFont(font, size);
                        content.newLineAtOffset(x, height - t.y());
                        content.showText(t.text());
                        content.endText();
                    }
                }
            }
            document.save(target.toFile());
        }
    }
}
