/**
 * Normalization and ingestion checks: from an {@link dev.sluice.extract.ExtractedDocument}'s raw
 * blocks to one clean text that chunking can cut and cite.
 *
 * <h2>Roles</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.quality.TextNormalizer}: Unicode NFC, control and invisible characters
 *       removed, every Unicode space made a plain space, words hyphenated across line breaks joined,
 *       one line per block, page-number blocks of paged documents dropped; EMPTY when nothing is
 *       left. Stateless and thread-safe.
 *   <li>{@link dev.sluice.quality.NormalizedDocument}: the text, blocks separated by
 *       {@link dev.sluice.quality.TextNormalizer#BLOCK_SEPARATOR}, and one
 *       {@link dev.sluice.quality.NormalizedDocument.Span} per kept block with its heading level and
 *       page.
 * </ul>
 *
 * <h2>Flow</h2>
 *
 * <pre>{@code
 * ExtractedDocument raw = extractor.extract(path, uri);       // dev.sluice.extract
 * NormalizedDocument doc = new TextNormalizer().normalize(raw); // throws ItemFailure(EMPTY)
 * String firstBlock = doc.text().substring(doc.spans().get(0).start(), doc.spans().get(0).end());
 * }</pre>
 *
 * <h2>Invariants (tested)</h2>
 *
 * <ul>
 *   <li>{@code text.substring(span.start, span.end)} is exactly the normalized block, and the text
 *       is the kept blocks joined by the separator: offsets a chunker can trust.
 *   <li>Normalizing normalized text changes nothing.
 *   <li>Deterministic: no default locale or charset is involved.
 * </ul>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>Code blocks are flattened to one line like any block: {@code Block} has no code kind yet.
 *       Keeping their layout needs that kind first.
 *   <li>A bare number ("12", "iv") is dropped as a page number only when its block has a page
 *       (paged formats); "Page 3 of 10" and "- 3 -" are dropped everywhere.
 *   <li>"well-\nknown" across a line break becomes "wellknown": the hyphen of a compound that
 *       happens to fall at a line end cannot be told from a hyphenation break.
 *   <li>Later checks (garbled text, duplicates, PII, injection patterns) belong here too; they should
 *       run on the normalized text, after this step.
 * </ul>
 *
 * <h2>Near-duplicates</h2>
 *
 * <p>{@link dev.sluice.quality.MinHasher} turns a text into 128 MinHash values over its word
 * 5-shingles (lower-cased letter and digit runs, so layout and punctuation never count); {@link
 * dev.sluice.quality.NearDuplicateIndex} finds, by LSH (21 bands of 6 rows at 0.8), the entry whose
 * estimated Jaccard similarity reaches the threshold, in primitive arrays (about 830 bytes an entry, a
 * million in under 1 GiB of heap). No I/O: callers assign the ids and store signatures with {@link
 * dev.sluice.quality.MinHasher#toBytes} beside {@link dev.sluice.quality.MinHasher#scheme()}, since
 * signatures of another scheme are not comparable. Traps: the estimate is within about 0.035 of the
 * true similarity, so pairs near the threshold go either way; the same filing page of another year with
 * new figures can reach 0.8; add canonical entries only, as exact copies share every chain. Figures and
 * what it misses: docs/quality.md.
 */
package dev.sluice.quality;
