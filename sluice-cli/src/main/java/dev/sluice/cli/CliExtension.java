package dev.sluice.cli;

/**
 * A subcommand that another module adds to {@code sluice} when its jar is on the class path, found
 * through {@link java.util.ServiceLoader}. This is how {@code sluice bench} exists without the
 * benchmarks being on the CLI's own class path: the launcher runs {@code sluice-bench.jar} for it.
 */
public interface CliExtension {
    /** A picocli command object (annotated with {@code @Command}). */
    Object command();
}
