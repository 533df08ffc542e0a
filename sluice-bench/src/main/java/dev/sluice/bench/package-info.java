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
 * <p>{@code scale-out} is the one benchmark that needs engines (OpenSearch with k-NN, PostgreSQL): it reaches
 * them only through {@code dev.sluice.backend.Backends} and a sluice.yaml it writes ({@code ScaleOutEngines}),
 * never through sluice-opensearch's or sluice-postgres's classes, and removes its index prefix and schema
 * however it ends. Its chunks ({@code ScaleOutCorpus}) depend only on the seed and their number, so every
 * index compared holds the same ids, texts, vectors and access lists. Trap: its services run in this JVM
 * beside the load and, on a small machine, beside OpenSearch: the replica figures say what two replicas cost
 * on shared cores, not how they scale on separate machines.
 *
 * <p>{@code --json} on every command ({@code BenchJsonOption}): the text report is kept and one JSON object
 * printed instead ({@code BenchReport}: figures with unit and the baseline from the same run, results,
 * parameters, machine and JDK, the text lines). Every command records each figure it prints with {@code
 * report.figure(name, unit, value, baselineName, baseline)} beside the {@code printf}, the baseline being the
 * one its text row prints (exact search for HNSW, the raw model for the pipeline, the in-process search for
 * HTTP); what is not one number (a confusion matrix, a phase table) goes in {@code report.result(...)} as
 * nested maps. Names are camelCase with the unit apart ({@code syntheticHybridP50}, ms); a value that is not
 * finite becomes null ({@code BenchReport.finite}). Each benchmark keeps a {@code run(options, out)} that
 * records into a throw-away report. Trap: a new {@code printf} of a figure without its {@code figure(...)}
 * leaves {@code --json} short; BenchFiguresJsonTest checks the cheap commands. {@code bench regressions
 * --json} is not a benchmark report: it keeps its OK / FAIL shape.
 */
package dev.sluice.bench;
