/**
 * The labelled sample of the quality checks ({@code sluice-core/src/test/resources/quality/sample.jsonl},
 * docs/quality.md), built from the real documents of the shared data by {@link
 * dev.sluice.bench.quality.QualitySampleBuilder}: passages cut by Sluice's own extractor and normalizer
 * ({@code Passages}), copies with one realistic change each ({@code Corruptions}: encoding errors, fonts,
 * OCR; {@code PiiValues}: personal data with check digits computed here, independently of the scanner,
 * and near misses; {@code InjectionTexts}: payloads, mentions and hard negatives).
 *
 * <p>Not a test and not run by the build: the sample is committed, and {@code QualitySampleTest} in
 * sluice-core scores the checks on it. Rebuild it when a check's definition changes, never to make a
 * figure better.
 *
 * <p>Traps: the builder is deterministic for its seed and the shared data, and each kind of passage is
 * drawn on its own, so new Java sources change only the code passages. Real personal data in a clean
 * passage must be labelled by hand ({@code REAL_PII}); the builder stops, writing nothing, while a passage
 * a looser pattern matches has no label.
 */
package dev.sluice.bench.quality;
