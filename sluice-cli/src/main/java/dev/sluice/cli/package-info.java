/**
 * The command-line face ({@code sluice <command>}), built with picocli, one file per command and
 * subcommand. A command parses its options into {@link dev.sluice.config.Flags}, resolves the
 * effective configuration ({@code ConfigOption.effective}), opens the {@link dev.sluice.KnowledgeBase},
 * calls it and prints; no pipeline logic lives here. Exit codes: 0 done, 1 failed (a message, never a
 * stack trace), 2 bad usage: a flag, a key of sluice.yaml or an argument to change (a
 * {@link dev.sluice.core.UsageException} or picocli's own parse errors), 3 a check ran and failed
 * ({@code SluiceCli.EXIT_CHECK_FAILED}: status breach, eval gate, open incident, bench regression FAIL,
 * diagnose naming a layer); trap: a check that could not run at all is 1, not 3.
 *
 * <p>Which sources a sync without PATH runs is {@code SourceSelection}'s: {@code --source NAME} picks
 * some of sluice.yaml's; with no sources there, the folders earlier {@code ingest DIR} runs named (the
 * catalog's {@code adhoc_sources}, written after each run but for failed sources). Both run as ad-hoc
 * runs, so the index's other sources are never pruned.
 *
 * <p>Other modules add commands through {@link dev.sluice.cli.CliExtension} (found with
 * {@link java.util.ServiceLoader}): that is how {@code sluice bench} exists when sluice-bench's jar is
 * on the class path, without the benchmarks being on the CLI's. {@code CompletionCommand} generates the
 * shell completion script from the running command tree, so extension commands are completed too.
 */
package dev.sluice.cli;
