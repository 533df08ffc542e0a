package dev.sluice.cli;

import java.math.BigDecimal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice transforms}: the LLM transform steps of sluice.yaml (docs/transforms.md). */
@Command(
        name = "transforms",
        mixinStandardHelpOptions = true,
        description = "LLM transforms (classify, extract, summarize, questions, contextualize): estimate a run before"
                + " it happens, show what is stored, compare two prompt versions.",
        subcommands = {TransformsPlanCommand.class, TransformsStatusCommand.class, TransformsDiffCommand.class})
final class TransformsCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: plan, status or diff");
    }

    /** Picodollars as US dollars, exact, without trailing zeros. */
    static String usd(long picoUsd) {
        BigDecimal usd = BigDecimal.valueOf(picoUsd).movePointLeft(12).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0).toPlainString() : usd.toPlainString();
    }

    /** Picodollars as US dollars rounded to six decimals, for tables. */
    static String usd6(long picoUsd) {
        return BigDecimal.valueOf(picoUsd)
                .movePointLeft(12)
                .setScale(6, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }
}
