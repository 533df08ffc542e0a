package dev.sluice.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes the small PDFs the tests use. {@code docs/guide.pdf} was made once with {@link #main} and is
 * kept as a file, so a PDFBox upgrade cannot silently change the fixture; the encrypted PDF is made
 * at test time.
 *
 * <p>Run by hand: {@code java -cp ... dev.sluice.extract.TestPdfs src/test/resources/docs/guide.pdf}.
 */
final class TestPdfs {
    static final String GUIDE_TITLE = "Sluice Extraction Guide";

    private TestPdfs() {}

    public static void main(String[] args) throws IOException {
        writeGuide(Path.of(args[0]), null);
    }

    /** Two pages, a heading on each, a word hyphenated across a line break, page numbers in the footer. */
    static void writeGuide(Path target, String userPassword) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle(GUIDE_TITLE);
            page(
                    document,
                    "Sluice Extraction Guide",
                    List.of(
                            "Sluice turns a pile of documents into a knowledge base. The extractor reads",
                            "every file and pulls out the infor-",
                            "mation that matters, with headings and pages kept as metadata."),
                    "1");
            page(
                    document,
                    "Quarantine Reasons",
                    List.of(
                            "A file that cannot be read ends in quarantine with a reason, so that",
                            "the counts of a run always reconcile."),
                    "Page 2 of 2");
            if (userPassword != null) {
                StandardProtectionPolicy policy =
                        new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            document.save(target.toFile());
        }
    }

    private static void page(PDDocument document, String heading, List<String> lines, String footer)
            throws IOException {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(bold, 20);
            content.newLineAtOffset(72, 760);
            content.showText(heading);
            content.setFont(regular, 11);
            content.newLineAtOffset(0, -36);
            for (String line : lines) {
                content.showText(line);
                content.newLineAtOffset(0, -14);
            }
            content.endText();
            content.beginText();
            content.setFont(regular, 9);
            content.newLineAtOffset(290, 40);
            content.showText(footer);
            content.endText();
        }
    }
}
