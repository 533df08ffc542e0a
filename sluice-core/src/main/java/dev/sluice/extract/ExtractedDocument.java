package dev.sluice.extract;

import java.util.List;
import java.util.Map;

/**
 * What extraction gives for one file: its blocks in reading order and its metadata.
 *
 * @param uri the source URI (a {@code file:} URI for local files)
 * @param title the document title: from metadata or the first heading, else the file name
 * @param mediaType the detected media type, without parameters ("application/pdf")
 * @param blocks headings and text in reading order, raw (not yet normalized)
 * @param pageCount number of pages for paged formats, 0 otherwise
 * @param metadata other metadata worth keeping (author, created), never null
 */
public record ExtractedDocument(
        String uri, String title, String mediaType, List<Block> blocks, int pageCount, Map<String, String> metadata) {
    public ExtractedDocument {
        blocks = List.copyOf(blocks);
        metadata = Map.copyOf(metadata);
    }
}
