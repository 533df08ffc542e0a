package dev.sluice.cli;

import dev.sluice.Feedbacks;
import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerStore;
import dev.sluice.diagnose.FeedbackBreakdown;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice feedback list [--by-layer] [--since 7d] [--json]}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "The latest feedback with its diagnosis, newest first; with --by-layer, the share of"
                + " diagnosed thumbs-down answers failing in each layer, overall and per week: where to invest.")
final class FeedbackListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--by-layer", description = "Print the share of failures per layer (and per week) instead.")
    boolean byLayer;

    @Option(
            names = "--since",
            paramLabel = "AGE",
            description = "Only feedback given within this age: 30m, 12h, 7d, 4w (default: all).")
    String since;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many (default: 50).")
    int limit = 50;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        long sinceMillis = sinceMillis(spec, since);
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be >= 1, got " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            if (byLayer) {
                FeedbackBreakdown b = kb.feedback().breakdown(sinceMillis);
                if (json) {
                    out.println(Json.write(b.view()));
                } else {
                    print(out, b);
                }
            } else {
                List<AnswerStore.Feedback> all = kb.feedback().list(sinceMillis, Math.min(limit, Feedbacks.MAX_READ));
                if (json) {
                    out.println(Json.write(Map.of(
                            "feedback", all.stream().map(FeedbackCommand::view).toList())));
                } else if (all.isEmpty()) {
                    out.println("no feedback" + (since == null ? "" : " in the last " + since));
                } else {
                    all.forEach(f -> FeedbackCommand.print(out, f));
                }
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    /** Epoch milliseconds of {@code --since AGE}, or 0 for all. */
    static long sinceMillis(CommandLine.Model.CommandSpec spec, String since) {
        if (since == null) {
            return 0;
        }
        try {
            return System.currentTimeMillis() - Durations.parseMillis("--since", since);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void print(PrintWriter out, FeedbackBreakdown b) {
        out.printf(
                Locale.ROOT,
                "%d thumbs-down, %d diagnosed%s%n",
                b.downs(),
                b.diagnosed(),
                b.downs() > b.diagnosed() ? " (" + (b.downs() - b.diagnosed()) + " could not be)" : "");
        if (b.diagnosed() == 0) {
            return;
        }
        out.printf(Locale.ROOT, "%-14s %6s %7s%n", "layer", "count", "share");
        b.byLayer()
                .forEach((layer, n) -> out.printf(Locale.ROOT, "%-14s %6d %6.1f%%%n", layer, n, 100 * b.share(layer)));
        if (b.weeks().size() > 1) {
            out.println();
            out.println("per week (share of that week's diagnosed thumbs-down):");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-11s %5s", "week", "n"));
            b.byLayer().keySet().forEach(l -> head.append(String.format(Locale.ROOT, " %13s", l)));
            out.println(head);
            for (FeedbackBreakdown.Week w : b.weeks()) {
                StringBuilder row =
                        new StringBuilder(String.format(Locale.ROOT, "%-11s %5d", w.start(), w.diagnosed()));
                w.byLayer()
                        .keySet()
                        .forEach(l -> row.append(String.format(Locale.ROOT, " %12.1f%%", 100 * w.share(l))));
                out.println(row);
            }
        }
    }
}
