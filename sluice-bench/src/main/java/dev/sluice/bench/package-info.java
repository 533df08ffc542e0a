/**
 * Benchmarks behind {@code sluice bench}: whole-pipeline figures, each printed beside its baseline
 * measured in the same run (raw model throughput, LangChain4j's model, exact search), with the
 * machine and JDK. Not tests: nothing here asserts a speed. Figures go to docs/benchmarks.md.
 *
 * <p>Quality benchmarks sit beside the speed ones: {@code transforms-effect} builds one seeded BEIR
 * subset three times (plain, contextualize, questions) and compares the eval runs pairwise. Trap: its
 * transforms answer from {@link dev.sluice.bench.ExtractiveStandIn}, text cut from the prompt by rule,
 * because no model is reachable offline; its figures say whether enrichment reaches BM25 and the vectors
 * and what an extractive heuristic does, never what an LLM's questions or context lines would do.
 *
 * <p>{@code --json} on every command ({@code BenchJsonOption}): the text report is kept and one JSON object
 * printed instead ({@code BenchReport}: figures with unit and the baseline from the same run, parameters,
 * machine and JDK, the text lines). gateway, tracing and dedup record each figure as a field; the others
 * carry their figures in the {@code report} lines until they record them too (add {@code report.figure(...)}
 * beside the {@code printf}).
 */
package dev.sluice.bench;
