package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.review.ReviewItem;
import dev.sluice.review.ReviewScan;
import dev.sluice.review.ReviewViews;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Review items, newest first: open ones by default (--status resolved or all).")
final class ReviewListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            defaultValue = "open",
            description = "open, resolved or all (default ${DEFAULT-VALUE}).")
    String status;

    @Option(names = "--source", paramLabel = "S", description = "Only items with a side in this source.")
    String source;

    @Option(names = "-n", paramLabel = "N", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be > 0, got " + limit);
        }
        String wanted = ReviewItem.statusFilter(status, "--status");
        List<ReviewItem> items;
        Optional<ReviewScan> last;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            items = kb.reviews().items(wanted, source, limit, 0);
            last = kb.reviews().lastScan();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", items.stream().map(ReviewViews::view).toList());
            body.put("lastCheck", last.map(ReviewViews::scan).orElse(null));
            out.println(Json.write(body));
        } else {
            if (items.isEmpty()) {
                out.println("no " + (wanted == null ? "" : wanted + " ") + "review items"
                        + (source == null ? "" : " in source " + source)
                        + (ReviewItem.OPEN.equals(wanted)
                                ? " (sluice review list --status all for resolved ones)"
                                : ""));
            } else {
                ReviewCommand.table(out, items);
            }
            last.ifPresent(s -> out.println(ReviewShowCommand.checkLine(s)));
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
