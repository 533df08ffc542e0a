package dev.sluice.extract;

import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Receives the XHTML that every Tika parser emits and hands its structure to a {@link BlockCollector}:
 * {@code h1..h6} become headings; {@code p}, {@code li}, {@code pre}, {@code blockquote} and loose text
 * in {@code div} become text blocks; a {@code table} is collected whole and written as rows that
 * carry their column headers ({@link CellTable}).
 * Tika's PDF parser wraps each page in {@code <div class="page">}: the handler counts them so every
 * block knows its page. Pages of embedded documents (a PDF attached to a PDF) are not counted.
 */
final class TikaBlockHandler extends DefaultHandler {
    private static final Set<String> SKIPPED_ELEMENTS = Set.of("head", "script", "style", "title");

    private final BlockCollector collector;
    private int skipDepth;
    private int embeddedDepth;

    TikaBlockHandler(BlockCollector collector) {
        this.collector = collector;
    }

    /** Called around each embedded document so its pages do not count as pages of the container. */
    void enterEmbedded() {
        embeddedDepth++;
        collector.breakBlock();
    }

    void leaveEmbedded() {
        embeddedDepth--;
        collector.breakBlock();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        String name = elementName(localName, qName);
        if (SKIPPED_ELEMENTS.contains(name) || skipDepth > 0) {
            skipDepth++;
            return;
        }
        guarded(() -> {
            if (name.equals("div") && embeddedDepth == 0 && "page".equals(atts.getValue("class"))) {
                collector.newPage(); // PDFBox marks each page so
            } else if (name.equals("td") || name.equals("th")) {
                collector.openElement(name, span(atts, "colspan"), span(atts, "rowspan"));
            } else {
                collector.openElement(name);
            }
        });
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        String name = elementName(localName, qName);
        guarded(() -> collector.closeElement(name));
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipDepth == 0) {
            guarded(() -> collector.text(ch, start, length));
        }
    }

    /**
     * Tika's PDF parser ends each line with a newline sent as "ignorable" whitespace: it is the only
     * space between the last word of a line and the first of the next, so it must be kept.
     */
    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    /** A cell's colspan or rowspan: 1 when absent or not a number. */
    static int span(Attributes atts, String name) {
        return span(atts.getValue(name));
    }

    static int span(String value) {
        if (value == null) {
            return 1;
        }
        try {
            return Math.clamp(Integer.parseInt(value.strip()), 1, 1000);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String elementName(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        int colon = name.indexOf(':');
        return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
    }

    /** Parsers expect SAXException from a handler; the collector's limit failures travel inside one. */
    private static void guarded(Runnable action) throws SAXException {
        try {
            action.run();
        } catch (BlockCollector.TextLimitExceededException | BlockCollector.ExtractionCancelledException e) {
            throw new SAXException(e.getMessage(), e);
        }
    }
}
