package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice eval cases}: eval cases made from what users reported. */
@Command(
        name = "cases",
        mixinStandardHelpOptions = true,
        description = "Make eval cases: from-feedback turns diagnosed thumbs-down feedback into an eval set.",
        subcommands = {EvalCasesFromFeedbackCommand.class})
final class EvalCasesCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: from-feedback");
    }
}
