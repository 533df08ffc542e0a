package dev.sluice.bench;

import dev.sluice.cli.CliExtension;

/** Adds {@code sluice bench} to the CLI when this module is on the class path. */
public final class BenchExtension implements CliExtension {
    @Override
    public Object command() {
        return new BenchCommand();
    }
}
