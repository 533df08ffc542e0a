package dev.sluice.chunk;

/**
 * The smallest piece the packer moves as a whole: a block, a sentence, a word, or a piece of a run
 * that has no boundary. Not API.
 *
 * @param start inclusive offset of the first non-blank character
 * @param end exclusive offset just after the last non-blank character
 * @param tokens model tokens: exact when {@code exact}, otherwise an estimate taken from the token
 *     offsets of a larger window of text
 * @param exact whether {@code tokens} is the counter's answer for exactly {@code text[start, end)}
 * @param kind how the unit was cut
 * @param block index of the block the unit comes from
 */
record Unit(int start, int end, int tokens, boolean exact, Kind kind, int block) {
    enum Kind {
        /** A whole block that fits alone. */
        BLOCK,
        /** A sentence of a block too big for one chunk. */
        SENTENCE,
        /** A whitespace-delimited word of a sentence too big for one chunk. */
        WORD,
        /** A piece of a run with no sentence or word boundary, cut at token boundaries. */
        PIECE
    }
}
