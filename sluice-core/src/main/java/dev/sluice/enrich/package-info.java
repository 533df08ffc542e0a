/**
 * Enrichment between chunking and embedding: what a document is, and the context each of its chunks is
 * embedded and searched with.
 *
 * <h2>Roles</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.enrich.AttributeReader}: reads {@link dev.sluice.enrich.DocumentAttributes}
 *       (issuer, document type, the period's year and quarter, names a question may use for the issuer)
 *       from the document's cover (its first 6,000 characters) and its file name, without a model.
 *   <li>{@link dev.sluice.enrich.ChunkContext}: the header "3M Company · 10-K · fiscal year 2018 · Item 8"
 *       put before a chunk's text for the embedding model and BM25. The chunk's own text, offsets and
 *       hash are unchanged, so citations and lineage quote the document, never the header.
 * </ul>
 *
 * <p>The attributes are stored on every chunk (see {@code IndexFields.ATTR_ALIAS}, {@code ATTR_YEAR}),
 * and {@code dev.sluice.retrieve.DocumentMatch} matches questions against the values the index holds:
 * "What is 3M's FY2018 capex?" boosts the 2018 filing of 3M.
 *
 * <pre>{@code
 * DocumentAttributes a = AttributeReader.read(normalized.text(), "filings/3M_2018_10K.pdf");
 * // issuer "3M Company", docType "10-K", year 2018, aliases [3m]
 * String input = ChunkContext.embeddingInput(a, chunk.headingPath(), chunk.text());
 * }</pre>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>A document without attributes is embedded as before (its text alone), so corpora of notes and
 *       abstracts keep their vectors; a file name of one word ("4983.md") is not read for a year.
 *   <li>The vector cache is keyed by the hash of what the model read (header and text), not the chunk's
 *       content hash, whenever a header exists: a vector made without the header is never reused for one
 *       with it.
 *   <li>Attributes are read when a document is (re)ingested: a better reader reaches unchanged documents
 *       only after they are indexed again (a model or chunker change, or deleting the index).
 * </ul>
 */
package dev.sluice.enrich;
