/**
 * Review: what a person should settle, found at ingestion. Today one kind: cross-source conflicts, two
 * passages of different documents that state different values for the same thing (a number, a date, a
 * name) or a statement and its negation.
 *
 * <h2>Roles and flow</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.review.IngestionConflicts}: after a sync commits, each chunk of each document the
 *       run indexed asks the index for passages of <em>other</em> documents about the same thing (BM25 on
 *       the chunk's own terms by default; kNN on its stored vector, or both), and the answer path's
 *       deterministic detector ({@code dev.sluice.conflict.SentenceConflicts}, remembering the passages it
 *       read; no model) compares the chunk with them with no question, so every aligned pair of sentences
 *       counts. {@code ConflictScope} rules out what a question would have: other issuers, figures of two
 *       periods, lines that are no sentences. Before that, open items whose side is gone are resolved as
 *       {@code source-changed}.
 *   <li>{@link dev.sluice.review.ReviewItem}: an item with both sides and their lineage (document, source,
 *       path, version, chunk, page, heading path, sentence, value) and the run that found it;
 *       {@link dev.sluice.review.Resolution} how a person (or Sluice) closed it.
 *   <li>{@link dev.sluice.review.ReviewStore}: the seam (the SQLite catalog implements it);
 *       {@link dev.sluice.review.ReviewScan} what each run's check did, kept with the run.
 *   <li>The front door runs the check at the end of {@code KnowledgeBase.sync} when {@code
 *       checks.conflicts} is on; faces read and resolve through {@code KnowledgeBase.reviews()}.
 * </ul>
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>One item per pair of sentences, ever ({@link dev.sluice.review.ReviewKeys#pairKey}: the two
 *       sentences folded, in either order). A pair found again changes nothing, so a person's resolution
 *       holds until a side's sentence changes (then it is another pair); only a pair resolved as {@code
 *       source-changed} opens again when it comes back.
 *   <li>Left is the side of the document the finding run indexed; right the one already there.
 *   <li>The check never fails a sync: a failure is logged, recorded with the run, and shown as a warning.
 * </ul>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>A heading line is no statement: "Annual report 2022" against "Annual report 2023" would read as a
 *       date conflict, so the chunk's heading lines (and table rows: lines that close no sentence) are
 *       dropped before the detector reads it.
 *   <li>The same company's filings of two years state different figures for different periods: a
 *       difference, not a conflict. Without a question naming the year, the detector alone turned 11
 *       filings into 802 items; between documents of two known periods only conflicts whose sentences name
 *       the same years are kept (7 items); see docs/quality.md.
 *   <li>Watch mode ({@code sluice sync --watch}) runs through {@code Ingester}, not {@code sync}: no check.
 * </ul>
 */
package dev.sluice.review;
