/**
 * Conflicting sources: passages of different documents (or of two versions of one) that state different
 * values for the same thing (a number, a date, a name) or a statement and its negation. Used when an
 * answer is built (the answer warns and cites both sides), by the diagnosis of a bad answer (the
 * contradiction layer), and after each sync, on each new chunk and the passages of other documents
 * about the same thing, with no question ({@code dev.sluice.review}: review items).
 *
 * <h2>Roles</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.conflict.ConflictDetector}: the seam; {@link dev.sluice.conflict.Passage} in,
 *       {@link dev.sluice.conflict.Conflict} out, most relevant first.
 *   <li>{@link dev.sluice.conflict.SentenceConflicts}: the deterministic detector. Passages are cut into
 *       sentences; each is read once ({@code Statement}: content words lightly stemmed, values, names and
 *       codes, negation, tense, conditions), then every pair of sentences of two documents is compared.
 *   <li>{@code ValueReader} reads values: dates, money, percentages, quantities with their unit, "the
 *       ROLE is NAME"; {@code Value} normalizes them (1.2 billion = 1,200 million; 16 weeks = 112 days)
 *       and knows the precision of their digits. {@code Words} holds the word lists.
 *   <li>A detector that asks a model to confirm each candidate lives in {@code dev.sluice.answer}
 *       ({@code JudgedConflicts}): this package knows no model.
 * </ul>
 *
 * <pre>{@code
 * List<Conflict> found = new SentenceConflicts().find("How long is parental leave?", List.of(
 *         new Passage("c1", "file:/hr/handbook.md", null, "Employees receive 16 weeks of paid parental leave."),
 *         new Passage("c2", "file:/hr/faq.md", null, "Parental leave lasts 12 weeks.")));
 * // number, "parental leave": "16 weeks" / "12 weeks"
 * }</pre>
 *
 * <h2>Precision first</h2>
 *
 * A warning on every answer would be worse than none, so the detector says nothing unless it is sure
 * two sentences speak of the same thing in the same case: qualifiers (years, names, codes such as Q3 or
 * section 3, contrasts such as paid and unpaid, tense, conditions, what narrows a value after it such as
 * "for birth parents") must match, each side must state exactly one value of the unit compared, bounds
 * ("at least") must be alike. When unsure, it stays silent; see docs/answers.md for what it misses.
 *
 * <p>{@code ValueReader} is at the project's ~500-line guide: half of it is the word lists (labels,
 * units, scales, months) its patterns read, kept beside the patterns that use them.
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>The word lists are English. Other languages find no content words in common and no conflict.
 *   <li>A row of a table without its header is no sentence to compare: its columns may be other years.
 * </ul>
 */
package dev.sluice.conflict;
