package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice quality}: what the ingestion checks found, per source and run, and how contracts fared. */
@Command(
        name = "quality",
        mixinStandardHelpOptions = true,
        description = "What the quality checks found per source over runs (personal data, duplicates, garbled text,"
                + " injection, languages) and each contract's results; the checks of one document.",
        subcommands = {QualityReportCommand.class, QualityDocumentCommand.class})
final class QualityCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: report or document");
    }
}
