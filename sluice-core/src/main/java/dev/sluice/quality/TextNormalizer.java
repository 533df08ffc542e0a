package dev.sluice.quality;

import dev.sluice.core.Checks;
import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import dev.sluice.extract.Block;
import dev.sluice.extract.ExtractedDocument;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an {@link ExtractedDocument}'s raw blocks into one clean text with block spans.
 *
 * <p>Per block, in this order: line endings and Unicode line separators become {@code \n}; tabs and
 * every Unicode space (NBSP, thin space, ideographic space) become a plain space; control characters
 * and invisible format characters (zero-width space, BOM, soft hyphen, bidi embeddings) are removed,
 * while ZWJ and ZWNJ stay because some scripts need them; the text is put in NFC; a word hyphenated
 * across a line break is joined ("infor-\nmation" gives "information"; "well-known" on one line
 * stays); every newline becomes a space, because a block is one paragraph; runs of spaces collapse;
 * the ends are trimmed. Code blocks are flattened too: Block has no code kind yet, and the chunker
 * and embedder treat text as prose.
 *
 * <p>Then blocks that are empty are dropped, and so are page-number blocks of paged documents ("12",
 * "Page 3 of 10", "- 3 -", never a table row): their page lives on as metadata of the neighbouring
 * spans. Each span keeps its block's table part, so the chunker knows a table's header and rows. The rest are
 * joined with a blank line. A document without any text left is an {@link ItemFailure} with reason
 * {@link QuarantineReason#EMPTY}.
 *
 * <p>Deterministic and stateless: no locale-dependent operation, safe to share between threads.
 */
public final class TextNormalizer {
    /** What separates two blocks in {@link NormalizedDocument#text()}. */
    public static final String BLOCK_SEPARATOR = "\n\n";

    private static final Pattern HYPHEN_BEFORE_LOWER = Pattern.compile("(\\p{L})[-\\u2010] *\\n *(\\p{Ll})");
    private static final Pattern HYPHEN_BEFORE_OTHER = Pattern.compile("(\\p{L})([-\\u2010]) *\\n *(?=\\p{L}|\\p{N})");
    private static final Pattern SOFT_HYPHEN_BREAK = Pattern.compile("\\u00AD *\\n *");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private static final Pattern PAGE_LABEL = Pattern.compile(
            "(?i)(?:page|p\\.|pg\\.?)\\s*\\d{1,5}(?:\\s*(?:of|/)\\s*\\d{1,5})?|[-\\u2013\\u2014]\\s*\\d{1,5}\\s*[-\\u2013\\u2014]|\\d{1,5}\\s*(?:of|/)\\s*\\d{1,5}");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d{1,5}|(?i)[ivxlcdm]{1,7}");

    /**
     * @throws ItemFailure with {@link QuarantineReason#EMPTY} when no text is left
     */
    public NormalizedDocument normalize(ExtractedDocument doc) throws ItemFailure {
        Checks.notNull("doc", doc);
        StringBuilder text = new StringBuilder();
        List<NormalizedDocument.Span> spans = new ArrayList<>();
        for (Block block : doc.blocks()) {
            String normalized = normalizeText(block.text());
            if (normalized.isEmpty() || isPageNumber(block, normalized)) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(BLOCK_SEPARATOR);
            }
            int start = text.length();
            text.append(normalized);
            boolean heading = block.kind() == Block.Kind.HEADING;
            spans.add(new NormalizedDocument.Span(
                    heading, block.headingLevel(), start, text.length(), block.page(), block.tablePart()));
        }
        if (spans.isEmpty()) {
            String hint = doc.mediaType().equals("application/pdf") && doc.pageCount() > 0
                    ? " (" + doc.pageCount() + " page" + (doc.pageCount() == 1 ? "" : "s")
                            + " without a text layer: a scanned PDF? OCR is not enabled)"
                    : "";
            throw new ItemFailure(
                    doc.uri(), QuarantineReason.EMPTY, "no text after extraction and normalization" + hint);
        }
        String title = normalizeText(doc.title() == null ? "" : doc.title());
        return new NormalizedDocument(doc.uri(), title, doc.mediaType(), text.toString(), spans, doc.metadata());
    }

    /** Normalizes one block's text as described on the class; the result has no newline. */
    public static String normalizeText(String raw) {
        String text = cleanCharacters(raw);
        text = Normalizer.normalize(text, Normalizer.Form.NFC);
        text = SOFT_HYPHEN_BREAK.matcher(text).replaceAll("");
        text = text.replace("\u00AD", "");
        text = HYPHEN_BEFORE_LOWER.matcher(text).replaceAll("$1$2");
        text = HYPHEN_BEFORE_OTHER.matcher(text).replaceAll("$1$2");
        text = text.replace('\n', ' ');
        text = SPACES.matcher(text).replaceAll(" ");
        return text.strip();
    }

    /**
     * Line endings to {@code \n}, spaces to ' ', controls and invisible format characters removed.
     * The soft hyphen is kept for now: at a line break it marks a hyphenated word.
     */
    private static String cleanCharacters(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\r' -> {
                    out.append('\n');
                    if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029' -> out.append('\n');
                case '\t' -> out.append(' ');
                case '\u00AD' -> out.append(c);
                // Zero-width joiner and non-joiner shape Arabic and Indic text: keep them.
                case '\u200C', '\u200D' -> out.append(c);
                default -> {
                    int type = Character.getType(c);
                    if (Character.isSpaceChar(c)) {
                        out.append(' ');
                    } else if (type == Character.CONTROL || type == Character.FORMAT) {
                        // dropped: controls, BOM, zero-width space, bidi embeddings and marks
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A block that is only a page label; bare numbers count only in paged documents. */
    static boolean isPageNumber(Block block, String normalized) {
        if (block.kind() != Block.Kind.TEXT || block.tablePart() != Block.TablePart.NONE || normalized.length() > 24) {
            return false;
        }
        return PAGE_LABEL.matcher(normalized).matches()
                || block.page() > 0 && BARE_NUMBER.matcher(normalized).matches();
    }
}
