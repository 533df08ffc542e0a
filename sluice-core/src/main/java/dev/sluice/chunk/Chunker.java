package dev.sluice.chunk;

import dev.sluice.quality.NormalizedDocument;
import java.util.List;

/**
 * Splits a normalized document into chunks. Contract: chunks come in document order; each chunk's
 * text is exactly the normalized text between its offsets; no chunk has more tokens than the
 * configured maximum; every non-blank character lies in at least one chunk; the output is a pure
 * function of the document and the settings. Thread-safe.
 */
public interface Chunker {
    List<Chunk> chunk(NormalizedDocument document);

    /** Algorithm name, version and settings; recorded on every chunk. */
    String version();
}
