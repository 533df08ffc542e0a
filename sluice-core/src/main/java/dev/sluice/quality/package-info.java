/**
 * Normalization and the per-document checks: from an {@link dev.sluice.extract.ExtractedDocument}'s raw
 * blocks to one clean text that chunking can cut and cite, and what that text holds that should not
 * reach an index or a model unseen (docs/quality.md).
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
 *   <li>{@link dev.sluice.quality.LanguageDetector}: ISO 639-1 or "und" (optimaize's n-gram profiles,
 *       loaded once, shared).
 *   <li>{@link dev.sluice.quality.GarbleCheck}: a 0..1 score from six signals (mojibake, U+FFFD,
 *       private-use glyphs, symbols, OCR noise, vowels) and the signals, readable.
 *   <li>{@link dev.sluice.quality.PiiScanner}: e-mail, phone, card, IBAN, national ids, each number
 *       behind its check digit; {@link dev.sluice.quality.PiiRedactor} replaces them by their kind.
 *   <li>{@link dev.sluice.quality.InjectionScanner}: text that tries to instruct a model, each hit marked
 *       as an order or a mention; the answer path fences flagged passages
 *       ({@code dev.sluice.answer.PassageFence}).
 * </ul>
 *
 * <p>Helpers, not API: {@code Mojibake}, {@code WordShapes} (OCR noise and vowels), {@code PiiChecksums},
 * {@code NationalIds}, {@code Mentions} and {@code Regions} (which parts of a text an expensive pattern
 * runs on).
 *
 * <h2>Flow</h2>
 *
 * <pre>{@code
 * ExtractedDocument raw = extractor.extract(path, uri);       // dev.sluice.extract
 * NormalizedDocument doc = new TextNormalizer().normalize(raw); // throws ItemFailure(EMPTY)
 * LanguageGuess lang = LanguageDetector.shared().detect(doc.text());
 * GarbleReport garble = new GarbleCheck().check(doc.text());
 * List<PiiHit> pii = new PiiScanner().scan(doc.text());
 * NormalizedDocument indexed = PiiRedactor.redact(doc, pii);   // when the source's policy redacts
 * boolean fence = InjectionScanner.shared().flags(chunkText);
 * }</pre>
 *
 * <h2>Invariants (tested)</h2>
 *
 * <ul>
 *   <li>{@code text.substring(span.start, span.end)} is exactly the normalized block, and the text
 *       is the kept blocks joined by the separator: offsets a chunker can trust. Redaction keeps both:
 *       every span moves by what the replacements before it changed, and its text is its block
 *       redacted (random documents, printed seed).
 *   <li>Normalizing normalized text changes nothing.
 *   <li>Deterministic: no default locale or charset is involved; the language detector samples with a
 *       fixed seed. Every check is pure and safe to share between threads.
 *   <li>A hit's offsets are into the text given; a masked PII value never holds the value.
 *   <li>The labelled sample's precision and recall stay above their floors ({@code QualitySampleTest}).
 * </ul>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>Code blocks are flattened to one line like any block: {@code Block} has no code kind yet.
 *       Keeping their layout needs that kind first. The garbled check recognizes code by its {@code ; {
 *       } =} and forgives signs inside names there.
 *   <li>A bare number ("12", "iv") is dropped as a page number only when its block has a page
 *       (paged formats); "Page 3 of 10" and "- 3 -" are dropped everywhere.
 *   <li>"well-\nknown" across a line break becomes "wellknown": the hyphen of a compound that
 *       happens to fall at a line end cannot be told from a hyphenation break.
 *   <li>The checks run on normalized text, which has lost what normalization removes: C1 controls (so
 *       Latin-1 mojibake leaves a lone "â", which {@code Mojibake} knows), no-break spaces (so "Â "),
 *       and invisible characters (so the injection scanner's hidden-text pattern only fires on raw text).
 *   <li>A PII pattern runs only around clusters of seven or more digits; a pattern for a shorter number
 *       must lower that minimum or it will never match. An injection rule runs only around its keywords:
 *       a new alternative needs its keyword in {@code InjectionScanner}'s list.
 *   <li>After a candidate number fails its check, the search resumes one character later, not after the
 *       candidate: "2019 4111 1111 1111 1111" first matches from the year.
 *   <li>The phone scanner cannot tell a company's switchboard from a person's number; a mention can be
 *       forged by quoting the payload, which is why flagged passages are fenced rather than dropped and
 *       the answer prompt treats every passage as data.
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
 *
 * <h2>Policies, contracts and the store</h2>
 *
 * <p>The checks say what they see; {@link dev.sluice.quality.DocumentChecker} decides, by the source's
 * {@link dev.sluice.quality.CheckPolicy} (sluice.yaml {@code checks:}), what happens: indexed as it is,
 * indexed with personal data redacted, or quarantined naming the check (garbled text, personal data, prompt
 * injection, duplicate). It asks the run's {@link dev.sluice.quality.DuplicateRegistry} (exact copies by the
 * hash of the normalized text, near copies by MinHash in LSH; canonical documents only) for the document's
 * canonical one. The findings, {@link dev.sluice.quality.DocumentChecks}, go to the
 * {@link dev.sluice.quality.QualityStore} with the signature, after the index commit.
 *
 * <p>A source's {@link dev.sluice.quality.Contract} is measured by {@link dev.sluice.quality.ContractCheck}
 * over the source as the run would leave it ({@link dev.sluice.quality.SourceQuality}); the ingestion run
 * ({@code dev.sluice.ingest.RunQuality}) does this before the commit, so a broken expectation of severity
 * error stops the run before anything is published.
 *
 * <p>Traps: a canonical document deleted later leaves its copies pointing at it (they show normally, since
 * nothing they could collapse into ranks). A document records the fingerprint of the policy it was checked
 * under ({@link dev.sluice.quality.CheckPolicy#fingerprint}, spelled out, since a set's order differs between
 * JVMs); the next sync processes again any document checked under another policy, or never checked.
 */
package dev.sluice.quality;
