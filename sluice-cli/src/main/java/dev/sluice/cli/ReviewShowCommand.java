package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.UsageException;
import dev.sluice.review.ReviewItem;
import dev.sluice.review.ReviewScan;
import dev.sluice.review.ReviewViews;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "One review item with both sides and their lineage (file, page, heading, sentence, run).")
final class ReviewShowCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The item's number (sluice review list).")
    long id;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        ReviewItem item;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            item = find(kb, id);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(ReviewViews.view(item)));
        } else {
            print(out, item);
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    static ReviewItem find(KnowledgeBase kb, long id) {
        return kb.reviews()
                .item(id)
                .orElseThrow(() -> new UsageException("no review item " + id + " (sluice review list --status all)"));
    }

    static void print(PrintWriter out, ReviewItem i) {
        out.println("review item " + i.id() + ": sources disagree on " + i.subject() + " (" + i.difference() + ")");
        out.printf(Locale.ROOT, "  %-11s %s%n", "status", i.status());
        out.printf(Locale.ROOT, "  %-11s %d (%s)%n", "found by run", i.runId(), ReviewViews.time(i.createdMillis()));
        side(out, "left", i.left());
        side(out, "right", i.right());
        if (!i.open()) {
            out.printf(
                    Locale.ROOT,
                    "  %-11s %s by %s at %s%n",
                    "resolved",
                    i.resolution() == null ? "?" : i.resolution().label(),
                    i.resolvedBy(),
                    ReviewViews.time(i.resolvedMillis()));
            if (i.note() != null) {
                out.printf(Locale.ROOT, "  %-11s %s%n", "note", i.note());
            }
        }
    }

    private static void side(PrintWriter out, String name, ReviewItem.Side s) {
        out.println(name + ": " + s.value());
        out.printf(Locale.ROOT, "  %-11s %s (source %s)%n", "file", s.path(), s.source());
        if (s.page() > 0) {
            out.printf(Locale.ROOT, "  %-11s %d%n", "page", s.page());
        }
        if (s.headingPath() != null && !s.headingPath().isEmpty()) {
            out.printf(Locale.ROOT, "  %-11s %s%n", "heading", s.headingPath());
        }
        out.printf(Locale.ROOT, "  %-11s %s%n", "sentence", s.sentence());
        out.printf(Locale.ROOT, "  %-11s %s%n", "chunk", s.chunkId());
    }

    /** The last run's check, in one line. */
    static String checkLine(ReviewScan s) {
        return s.ok()
                ? String.format(
                        Locale.ROOT,
                        "last check: run %d, %d document(s), %d chunk(s), %d new item(s), %d resolved as source-changed,"
                                + " %s",
                        s.runId(),
                        s.documents(),
                        s.chunks(),
                        s.added() + s.reopened(),
                        s.sourceChanged(),
                        Durations.format(s.millis()))
                : "warning: the conflict check of run " + s.runId() + " failed: " + s.error();
    }
}
