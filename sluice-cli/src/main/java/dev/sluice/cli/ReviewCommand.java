package dev.sluice.cli;

import dev.sluice.review.ReviewItem;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice review}: cross-source conflicts found at ingestion, for a person to settle. */
@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        description = "Passages of different documents that state different values for the same thing (found after"
                + " each sync when checks.conflicts is on): list, show one with both sides, resolve.",
        subcommands = {ReviewListCommand.class, ReviewShowCommand.class, ReviewResolveCommand.class})
final class ReviewCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or resolve");
    }

    /**
     * After a sync: the conflict check's new items as a line of the summary ({@code out}; null for JSON,
     * whose stageMillis has the check's time), or a warning on {@code err} when it failed (the sync did not).
     */
    static void afterSync(
            dev.sluice.KnowledgeBase kb, dev.sluice.ingest.IngestReport report, PrintWriter out, PrintWriter err) {
        if (!kb.config().quality().conflicts()) {
            return;
        }
        java.util.Optional<dev.sluice.review.ReviewScan> check;
        try {
            check = kb.reviews().scan(report.runId());
        } catch (RuntimeException e) {
            check = java.util.Optional.empty();
        }
        check.ifPresent(s -> {
            if (!s.ok()) {
                err.println("warning: the conflict check failed (the sync itself succeeded): " + s.error());
                err.flush();
            } else if (out != null && s.added() + s.reopened() + s.sourceChanged() > 0) {
                out.printf(
                        Locale.ROOT,
                        "review: %d new conflict(s) between documents, %d resolved as source-changed: sluice review"
                                + " list%n",
                        s.added() + s.reopened(),
                        s.sourceChanged());
                out.flush();
            }
        });
    }

    /** One line per item, newest first. */
    static void table(PrintWriter out, List<ReviewItem> items) {
        out.printf(Locale.ROOT, "%5s  %-8s  %-14s  %-30s  %s%n", "id", "status", "resolution", "subject", "values");
        for (ReviewItem i : items) {
            out.printf(
                    Locale.ROOT,
                    "%5d  %-8s  %-14s  %-30s  %s%n",
                    i.id(),
                    i.status(),
                    i.resolution() == null ? "-" : i.resolution().label(),
                    shortened(i.subject(), 30),
                    shortened(i.left().path() + ": " + i.left().value(), 40) + "  vs  "
                            + shortened(i.right().path() + ": " + i.right().value(), 40));
        }
    }

    static String shortened(String text, int max) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
