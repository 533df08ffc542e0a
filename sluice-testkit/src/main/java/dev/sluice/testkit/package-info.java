/**
 * For tests only (a test-scoped dependency of every module): {@link dev.sluice.testkit.ScriptedOpenAiServer}
 * speaks the OpenAI chat protocol over a real socket and misbehaves on a script, standing in for a paid
 * provider; {@link dev.sluice.testkit.Seeds} gives every randomized test a printed, replayable seed;
 * {@link dev.sluice.testkit.Fixtures} and {@link dev.sluice.testkit.SharedData} find test data from any
 * module's folder.
 *
 * <p>This module depends on no other Sluice module, so that the core's own tests can use it. The
 * contract suites of the seams need the seam types, so they live in sluice-core's test-jar
 * ({@code dev.sluice.contract}), which an implementing module (an OpenSearch index, a PostgreSQL
 * catalog) adds as a test dependency.
 */
package dev.sluice.testkit;
