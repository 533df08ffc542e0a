package dev.sluice.index;

import dev.sluice.chunk.Chunk;

/**
 * A chunk with its vector, ready to be written.
 *
 * @param chunk the chunk
 * @param vector its embedding
 * @param enrichment text transforms wrote for it (a context line, questions it answers), searched by BM25 beside
 *     the chunk's own text and stored for lineage; empty when there is none. Never part of the chunk's text,
 *     offsets or citations.
 */
public record IndexedChunk(Chunk chunk, float[] vector, String enrichment) {
    public IndexedChunk {
        enrichment = enrichment == null ? "" : enrichment;
    }

    /** A chunk without enrichment. */
    public IndexedChunk(Chunk chunk, float[] vector) {
        this(chunk, vector, "");
    }
}
