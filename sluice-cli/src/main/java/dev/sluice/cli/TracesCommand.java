package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice traces}: the traces of searches, answers and ingest runs kept in the catalog. */
@Command(
        name = "traces",
        mixinStandardHelpOptions = true,
        description =
                "Traces of searches, answers and ingest runs, kept in the catalog: list them, show one as a tree.",
        subcommands = {TracesListCommand.class, TracesShowCommand.class})
final class TracesCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list or show");
    }
}
