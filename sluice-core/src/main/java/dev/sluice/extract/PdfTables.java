package dev.sluice.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the pages of a PDF that hold tables: after Tika has read the whole file, the pages whose
 * text looks tabular are read again with positions ({@link PdfLineReader}), and each page where
 * {@link PdfTableDetector} finds a table replaces Tika's blocks of that page with its own (prose
 * paragraphs, table header, table rows). Every other page keeps Tika's blocks untouched.
 *
 * <p>Never fails the extraction: a file PDFBox cannot open again, a page count that disagrees with
 * Tika's, or any exception while reading positions leaves Tika's blocks as they were. Only a cancelled
 * extraction (the parse timed out) stops it.
 */
final class PdfTables {
    private static final Logger LOG = LoggerFactory.getLogger(PdfTables.class);

    /** A line of Tika's text that ends in a value after a gap: "Inventories   (509)  (387)  57". */
    private static final Pattern TABULAR_LINE =
            Pattern.compile("\\S.*?\\s(?:\\$\\s?)?\\(?-?\\d[\\d,]*(?:\\.\\d+)?\\)?%?\\s*$|.*\\s[-\u2013\u2014]\\s*$");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** Lines of that kind a page needs before it is read again. */
    static final int MIN_TABULAR_LINES = 3;

    private PdfTables() {}

    /**
     * What the rewrite did: the blocks, and counts for logs and benchmarks.
     *
     * @param blocks the document's blocks, rewritten where tables were found
     * @param pagesRead pages read again with positions
     * @param tables tables found
     * @param rows table rows written
     */
    record Result(List<Block> blocks, int pagesRead, int tables, int rows) {}

    /**
     * @param file the PDF Tika has just read
     * @param blocks Tika's blocks of it
     * @param pageCount the pages Tika saw
     * @param maxChars the limit on extracted text: a rewrite that would pass it is not used
     */
    static Result rewrite(Path file, List<Block> blocks, int pageCount, int maxChars) {
        Set<Integer> candidates = candidatePages(blocks);
        if (candidates.isEmpty()) {
            return new Result(blocks, 0, 0, 0);
        }
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBufferedFile(file.toFile()))) {
            if (document.getNumberOfPages() != pageCount) {
                LOG.debug(
                        "{}: PDFBox sees {} pages, Tika {}; tables left as text",
                        file,
                        document.getNumberOfPages(),
                        pageCount);
                return new Result(blocks, 0, 0, 0);
            }
            Map<Integer, List<PdfLineReader.Line>> lines = PdfLineReader.read(document, candidates::contains);
            Map<Integer, List<Block>> replaced = new LinkedHashMap<>();
            int tables = 0;
            int rows = 0;
            for (Map.Entry<Integer, List<PdfLineReader.Line>> page : lines.entrySet()) {
                BlockCollector.checkCancelled();
                PdfTableDetector.PageBlocks found = PdfTableDetector.page(page.getValue(), page.getKey());
                if (found.tables() > 0) {
                    replaced.put(page.getKey(), withUnread(found.blocks(), blocks, page.getKey()));
                    tables += found.tables();
                    rows += found.rows();
                }
            }
            List<Block> out = replace(blocks, replaced);
            long chars = out.stream().mapToLong(b -> b.text().length()).sum();
            if (chars > maxChars) {
                LOG.debug("{}: tables written as rows would pass {} characters; left as text", file, maxChars);
                return new Result(blocks, candidates.size(), 0, 0);
            }
            return new Result(out, candidates.size(), tables, rows);
        } catch (BlockCollector.ExtractionCancelledException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            LOG.debug("{}: tables left as text: {}", file, e.toString());
            return new Result(blocks, 0, 0, 0);
        }
    }

    /** Pages with at least {@link #MIN_TABULAR_LINES} lines of Tika's text that end in a value. */
    static Set<Integer> candidatePages(List<Block> blocks) {
        Map<Integer, Integer> tabular = new LinkedHashMap<>();
        for (Block b : blocks) {
            if (b.page() <= 0 || b.kind() != Block.Kind.TEXT) {
                continue;
            }
            int count = 0;
            for (String line : b.text().split("\n")) {
                Matcher m = TABULAR_LINE.matcher(line);
                if (m.matches()) {
                    count++;
                }
            }
            if (count > 0) {
                tabular.merge(b.page(), count, Integer::sum);
            }
        }
        Set<Integer> pages = new HashSet<>();
        tabular.forEach((page, count) -> {
            if (count >= MIN_TABULAR_LINES) {
                pages.add(page);
            }
        });
        return pages;
    }

    /**
     * The page's new blocks, followed by those of Tika's blocks of the page whose words are mostly not
     * in them: link targets and other annotation text, text in another direction than the page's. So
     * rewriting a page never loses what Tika read there.
     */
    static List<Block> withUnread(List<Block> pageBlocks, List<Block> tikaBlocks, int page) {
        Map<String, Integer> words = new HashMap<>();
        for (Block b : pageBlocks) {
            for (String w : words(b.text())) {
                words.merge(w, 1, Integer::sum);
            }
        }
        List<Block> out = new ArrayList<>(pageBlocks);
        for (Block b : tikaBlocks) {
            if (b.page() != page) {
                continue;
            }
            List<String> own = words(b.text());
            int missing = 0;
            for (String w : own) {
                Integer left = words.get(w);
                if (left == null || left == 0) {
                    missing++;
                } else {
                    words.put(w, left - 1);
                }
            }
            if (missing * 2 > own.size()) {
                out.add(b);
            }
        }
        return out;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /** Tika's blocks with those of each replaced page swapped for the new ones, at the page's place. */
    private static List<Block> replace(List<Block> blocks, Map<Integer, List<Block>> replaced) {
        if (replaced.isEmpty()) {
            return blocks;
        }
        List<Block> out = new ArrayList<>(blocks.size());
        Set<Integer> written = new HashSet<>();
        for (Block b : blocks) {
            List<Block> page = replaced.get(b.page());
            if (page == null) {
                out.add(b);
            } else if (written.add(b.page())) {
                out.addAll(page);
            }
        }
        return out;
    }
}
