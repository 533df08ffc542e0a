package dev.sluice.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses embedded documents (files in a zip, attachments of a PDF, objects in a DOCX) through the
 * same handler, counting how deep they nest. Past the limit it stops descending and remembers that
 * it did, so the facade can quarantine the file with EXPANSION_LIMIT once the parse returns: a flag
 * survives parsers that swallow exceptions from embedded documents, an exception would not.
 *
 * <p>Embedded images are skipped: without OCR they hold no text, and parsing them only costs time.
 */
final class NestingLimitedExtractor implements EmbeddedDocumentExtractor {
    private static final Set<String> IMAGE_SUFFIXES =
            Set.of(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".webp", ".ico");

    private final ParsingEmbeddedDocumentExtractor delegate;
    private final TikaBlockHandler handler;
    private final int maxDepth;
    private int depth;
    private boolean limitExceeded;

    NestingLimitedExtractor(ParseContext context, TikaBlockHandler handler, int maxDepth) {
        this.delegate = new ParsingEmbeddedDocumentExtractor(context);
        this.delegate.setWriteFileNameToContent(false);
        this.handler = handler;
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        if (maxDepth == 0 || isImage(metadata)) {
            return false;
        }
        return delegate.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler contentHandler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        BlockCollector.checkCancelled();
        if (depth >= maxDepth) {
            limitExceeded = true;
            return;
        }
        depth++;
        handler.enterEmbedded();
        try {
            delegate.parseEmbedded(stream, contentHandler, metadata, outputHtml);
        } finally {
            handler.leaveEmbedded();
            depth--;
        }
    }

    boolean limitExceeded() {
        return limitExceeded;
    }

    private static boolean isImage(Metadata metadata) {
        String type = metadata.get(Metadata.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("image/")) {
            return true;
        }
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }
}
