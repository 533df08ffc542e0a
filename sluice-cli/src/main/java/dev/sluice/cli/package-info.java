/**
 * The command-line face ({@code sluice <command>}), built with picocli. Commands parse options,
 * call {@link dev.sluice.Sluice} and print; no pipeline logic lives here. Exit codes: 0 done, 1
 * failed (a message, never a stack trace), 2 bad usage.
 */
package dev.sluice.cli;
