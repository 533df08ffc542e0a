package dev.sluice.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --index} option. */
final class IndexOption {
    static final String DEFAULT = ".sluice/index";

    @Option(
            names = "--index",
            paramLabel = "DIR",
            defaultValue = DEFAULT,
            description = "Index folder (default ${DEFAULT-VALUE}).")
    Path path;

    Path path() {
        return path;
    }
}
