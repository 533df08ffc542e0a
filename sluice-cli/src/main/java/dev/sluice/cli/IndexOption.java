package dev.sluice.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --index} option; without it, the index of sluice.yaml, else .sluice/index. */
final class IndexOption {
    @Option(
            names = "--index",
            paramLabel = "DIR",
            description = "Index folder (default: the index of sluice.yaml, else .sluice/index).")
    Path path;
}
