package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.UsageException;
import dev.sluice.review.Resolution;
import dev.sluice.review.ReviewItem;
import dev.sluice.review.ReviewViews;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "resolve",
        mixinStandardHelpOptions = true,
        description = "Settle an open review item. A resolved pair is never reopened unless one of its sentences"
                + " changes.")
final class ReviewResolveCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The item's number (sluice review list).")
    long id;

    @Option(
            names = "--as",
            required = true,
            paramLabel = "RESOLUTION",
            description = "keep-left, keep-right, both-valid or not-a-conflict.")
    String as;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why, for whoever reads it later.")
    String note;

    @Option(names = "--json", description = "Print the resolved item as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Resolution resolution = Resolution.parseChoice(as, "--as");
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            ReviewItem item = ReviewShowCommand.find(kb, id);
            if (!item.open()
                    || !kb.reviews()
                            .resolve(
                                    id,
                                    resolution,
                                    note == null || note.isBlank() ? null : note.strip(),
                                    "cli:" + System.getProperty("user.name", "?"),
                                    System.currentTimeMillis())) {
                ReviewItem now = ReviewShowCommand.find(kb, id);
                throw new UsageException("review item " + id + " is already resolved as "
                        + (now.resolution() == null ? "?" : now.resolution().label()) + " by " + now.resolvedBy());
            }
            ReviewItem resolved = ReviewShowCommand.find(kb, id);
            if (json) {
                out.println(Json.write(ReviewViews.view(resolved)));
            } else {
                out.println("review item " + id + " resolved as " + resolution.label() + ": " + item.subject());
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
