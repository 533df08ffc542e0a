/**
 * Benchmarks behind {@code sluice bench}: whole-pipeline figures, each printed beside its baseline
 * measured in the same run (raw model throughput, LangChain4j's model, exact search), with the
 * machine and JDK. Not tests: nothing here asserts a speed. Figures go to docs/benchmarks.md.
 */
package dev.sluice.bench;
