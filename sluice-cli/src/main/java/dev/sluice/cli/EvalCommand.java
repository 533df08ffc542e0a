package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice eval}: build a knowledge base from an eval corpus, measure retrieval, gate, compare. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Measure retrieval quality: import a BEIR corpus or FinanceBench questions, run an eval set, gate on"
                        + " thresholds, compare runs.",
        subcommands = {
            EvalImportBeirCommand.class,
            EvalImportFinanceBenchCommand.class,
            EvalRunCommand.class,
            EvalCompareCommand.class,
            EvalListCommand.class,
            EvalTuneCommand.class,
            EvalAnswersCommand.class,
            EvalCasesCommand.class
        })
final class EvalCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "name a subcommand: import-beir, import-financebench, run, compare, list, tune, answers or cases");
    }
}
