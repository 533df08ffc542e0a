package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.llm.LlmSpendRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice costs}: what language model calls cost, from the catalog's ledger. */
@Command(
        name = "costs",
        mixinStandardHelpOptions = true,
        description = "Language model spend by day, model and purpose, from the ledger every call writes.")
final class CostsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "30",
            description = "Days back from today, UTC (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--json", description = "Print the rows as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (days < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--days must be >= 1, got " + days);
        }
        long since = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .minusDays(days - 1L)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        List<LlmSpendRow> rows;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            rows = kb.ledger().llmSpendByDay(since);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(rows));
            out.flush();
            return SluiceCli.EXIT_OK;
        }
        if (rows.isEmpty()) {
            out.println("no language model calls in the last "
                    + Duration.ofDays(days).toDays() + " day(s)");
            out.flush();
            return SluiceCli.EXIT_OK;
        }
        out.printf(
                Locale.ROOT,
                "%-10s %-22s %-10s %-15s %6s %10s %10s %12s%n",
                "day",
                "model",
                "purpose",
                "outcome",
                "calls",
                "tokens in",
                "tokens out",
                "cost USD");
        Map<String, Long> byModel = new TreeMap<>();
        Map<String, Long> byPurpose = new TreeMap<>();
        long total = 0;
        for (LlmSpendRow r : rows) {
            out.printf(
                    Locale.ROOT,
                    "%-10s %-22s %-10s %-15s %6d %10d %10d %12.6f%n",
                    r.day(),
                    r.model(),
                    r.purpose(),
                    r.outcome(),
                    r.calls(),
                    r.inputTokens(),
                    r.outputTokens(),
                    r.costUsd());
            byModel.merge(r.model(), r.costPicoUsd(), Long::sum);
            byPurpose.merge(r.purpose(), r.costPicoUsd(), Long::sum);
            total += r.costPicoUsd();
        }
        out.println();
        byModel.forEach((m, c) -> out.printf(Locale.ROOT, "model %-28s %12.6f USD%n", m, c / 1e12));
        byPurpose.forEach((p, c) -> out.printf(Locale.ROOT, "purpose %-26s %12.6f USD%n", p, c / 1e12));
        out.printf(Locale.ROOT, "total %35.6f USD%n", total / 1e12);
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
