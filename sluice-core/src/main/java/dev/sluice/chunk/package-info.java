/**
 * Chunking: cuts a normalized document into pieces sized in the embedding model's own tokens.
 *
 * <h2>Roles</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.chunk.Chunker} — the seam: document in, ordered {@link
 *       dev.sluice.chunk.Chunk}s out; a pure function of the document and the settings.
 *   <li>{@link dev.sluice.chunk.HeadingAwareChunker} — the implementation: structure first, then
 *       size.
 *   <li>{@link dev.sluice.chunk.ChunkerSettings} — {@code chunking.maxTokens} (default 256) and {@code
 *       chunking.overlapTokens} (default 32), validated once, checked against the model's limit.
 *   <li>{@link dev.sluice.chunk.TokenCounter} — counts exactly as the model does; {@code
 *       dev.sluice.embed.ModelTokenizer} is the real one. It lives here, not in {@code embed}, so that
 *       chunking does not depend on the stage after it.
 * </ul>
 *
 * <h2>Flow inside {@code HeadingAwareChunker}</h2>
 *
 * <ol>
 *   <li><b>Blocks.</b> The document's spans become trimmed blocks; text no span covers becomes a
 *       block of its own. A stack of headings by level gives each block its heading path.
 *   <li><b>Units.</b> A block that fits in {@code maxTokens} is one unit. A bigger block is cut into
 *       sentences ({@code BreakIterator}, {@code Locale.ROOT}); a sentence too big into words; a word
 *       too big, or a run of more than 2,048 characters without whitespace (a base64 blob, CJK without
 *       spaces), into pieces at token boundaries ({@link
 *       dev.sluice.chunk.TokenCounter#tokenEndOffsets}). Each character is tokenized about once:
 *       counts of sentences and words are read from the token offsets of the enclosing window.
 *   <li><b>Packing.</b> Units are packed greedily. A heading after content starts a new chunk, so a
 *       chunk never spans two sections; a chunk holding only headings ("# A" then "## B") runs on
 *       into the next section. A new page starts a new chunk too: a PDF's
 *       page is the unit its readers cite and evaluation judges, and a chunk holding the end of one
 *       page and the start of the next belongs to neither. When a section needs several chunks, each one after the first starts
 *       with the trailing units or sentences of the previous chunk, at most {@code overlapTokens} and
 *       always starting after the previous chunk's start, so every chunk moves forward; the overlap never
 *       crosses a page.
 *   <li><b>Tables.</b> Spans marked as a table's header and rows ({@code Span.tablePart()}) form a
 *       table. A table that does not fit in what is left of a chunk starts a new one, so a table that
 *       fits in a chunk is never split. A longer one is cut between rows, and each part after the
 *       first starts with the table's header line, a blank line, then its rows: every part says what
 *       its columns and units are. No overlap is taken into, inside or out of a table (the header
 *       does that work). A header over a third of {@code maxTokens} is not repeated (heading-aware/3).
 *   <li><b>Verification.</b> Each chunk's final text is counted by the counter; if the estimate was
 *       short, units are dropped from the end (never the last new one) rather than go over. The
 *       overlap is counted the same way. {@code tokenCount} is always the counter's answer.
 *   <li><b>Identity.</b> {@code contentHash} is SHA-256 of the text (UTF-8); {@code id} is the first
 *       32 hex characters of SHA-256 over (document URI, chunker version, ordinal, content hash):
 *       the same input gives the same ids, and any change of text, settings or algorithm gives new
 *       ones.
 * </ol>
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * EmbeddingModelSpec model = EmbeddingModelSpec.BGE_SMALL_EN_V15_Q;
 * ChunkerSettings settings = new ChunkerSettings(256, 32)
 *     .requireWithinModelLimit(model.id(), model.maxChunkTokens());
 * try (ModelTokenizer tokenizer = ModelTokenizer.load(model)) {
 *   Chunker chunker = new HeadingAwareChunker(settings, tokenizer);
 *   for (Chunk chunk : chunker.chunk(normalizedDocument)) {
 *     // chunk.text() == normalizedDocument.text().substring(chunk.start(), chunk.end()),
 *     // or, for a later part of a split table, its header line + "\n\n" + that substring
 *   }
 * }
 * }</pre>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li><b>Count in the model's tokens, not words or characters.</b> The ratio of characters to
 *       tokens runs from about 4 in English prose to 1 in CJK and under 2 in base64 or code; a size in
 *       characters is either wasteful or over the limit.
 *   <li><b>Never over the limit.</b> The model silently truncates what does not fit in its sequence
 *       ({@code maxChunkTokens()}: 510 for bge-small, 126 for all-MiniLM). The cut text is still
 *       stored and shown as the chunk, but its meaning is not in the vector, so dense search can
 *       never find it. That is why every chunk is counted again on its final text.
 *   <li><b>Change {@link dev.sluice.chunk.HeadingAwareChunker#version()} with the algorithm.</b> It is
 *       part of every id and is stored on every chunk; bump {@code heading-aware/N} whenever a change
 *       could move any chunk boundary, or the catalog will keep stale chunks under current ids.
 *   <li><b>Offsets are UTF-16 indices into the normalized text</b>, never into the source file.
 *       Boundaries never split a surrogate pair, and chunks never start or end with whitespace.
 *   <li><b>A continued table's text is longer than its offsets.</b> The repeated header line is in
 *       the chunk's text (so it is embedded, indexed and counted) but not between its offsets, which
 *       cover the rows only; the header itself lies in the text once, at the table's start. Code that
 *       maps a chunk back by offsets gets the rows; code that shows a chunk should show its text.
 *   <li><b>Counting is the cost.</b> The tokenizer handles roughly 0.5 to 2 MB of text a second on
 *       one core (base64 and CJK are the slow end); this chunker tokenizes each character about once
 *       to cut and once more to verify (pieces of unbroken runs only once).
 * </ul>
 */
package dev.sluice.chunk;
