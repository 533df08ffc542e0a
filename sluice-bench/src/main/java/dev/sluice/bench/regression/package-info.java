/**
 * Retrieval quality as data, in the manner of Anserini's regressions: a file per data set and
 * setting ({@code regressions/*.yaml}) holds the expected means with a tolerance, and a runner
 * prints one {@code OK} or {@code FAIL} line per mode and metric.
 *
 * <p>Flow: {@link dev.sluice.bench.regression.RegressionFileReader} validates a file once (every
 * error names the file and the dotted key); {@link dev.sluice.bench.regression.RegressionRunner}
 * ingests the BEIR corpus (or a {@link dev.sluice.bench.regression.BeirSlice} of it) through the
 * core's ordinary incremental ingest, evaluates with {@code dev.sluice.eval.EvalRunner} and the
 * default retrieval settings, and returns a {@link dev.sluice.bench.regression.RegressionLine} per
 * figure. {@code sluice bench regressions} prints them and exits 3 on any FAIL; {@code
 * RegressionSliceTest} runs the slice file on every build.
 *
 * <p>Tolerance: BM25 is exact (the same index gives the same figures to the last digit), so its
 * tolerance only absorbs the four-decimal rounding of the expected figures. HNSW graphs built by
 * several threads differ from build to build, so dense and hybrid get a little more. A wider
 * tolerance hides regressions: widen one only with a measurement that shows the spread.
 */
package dev.sluice.bench.regression;
