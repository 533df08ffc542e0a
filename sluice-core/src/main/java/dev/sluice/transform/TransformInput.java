package dev.sluice.transform;

import dev.sluice.chunk.Chunk;
import java.util.List;

/**
 * One document as the pipeline hands it to the transforms, after chunking.
 *
 * @param documentUri the document's URI (the item of document steps)
 * @param source the source's name ({@code sources:} steps filter on it)
 * @param title the document's title, or empty
 * @param documentText the normalized text the chunks were cut from
 * @param chunks the document's chunks in order (the items of chunk steps)
 */
public record TransformInput(String documentUri, String source, String title, String documentText, List<Chunk> chunks) {
    public TransformInput {
        dev.sluice.core.Checks.notNull("TransformInput.documentUri", documentUri);
        source = source == null ? "" : source;
        title = title == null ? "" : title;
        documentText = documentText == null ? "" : documentText;
        chunks = List.copyOf(chunks == null ? List.of() : chunks);
    }
}
