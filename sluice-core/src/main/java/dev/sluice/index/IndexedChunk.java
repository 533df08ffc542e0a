package dev.sluice.index;

import dev.sluice.chunk.Chunk;

/** A chunk with its vector, ready to be written. */
public record IndexedChunk(Chunk chunk, float[] vector) {}
