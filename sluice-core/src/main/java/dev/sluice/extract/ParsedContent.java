package dev.sluice.extract;

import java.util.List;
import java.util.Map;

/**
 * What one front end (Tika, jsoup, commonmark) found, before the facade fills in fallbacks.
 *
 * @param title the title the format itself gives, or null when it gives none
 * @param blocks raw blocks in reading order
 * @param pageCount pages seen, 0 for unpaged formats
 * @param metadata metadata worth keeping
 */
record ParsedContent(String title, List<Block> blocks, int pageCount, Map<String, String> metadata) {
    ParsedContent {
        blocks = List.copyOf(blocks);
        metadata = Map.copyOf(metadata);
    }
}
