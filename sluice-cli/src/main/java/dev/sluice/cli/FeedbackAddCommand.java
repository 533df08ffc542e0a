package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice feedback add ANSWER_ID up|down [--expect DOC] ...}. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add a thumbs up or down on a recorded answer of the service (ans_...). A thumbs-down runs the"
                    + " diagnosis as the answer's key (with --expect the full one, else a weaker one from the"
                    + " answer's own documents) and keeps it with the feedback.",
            "Exit code 0 when stored (a diagnosis that could not run is noted, not an error), 2 for an unknown"
                    + " answer or a bad rating."
        })
final class FeedbackAddCommand implements Callable<Integer> {
    /** The key and principal feedback from the local command line is recorded under. */
    static final String LOCAL = "cli";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "ANSWER_ID", description = "The answer (ans_...).")
    String answerId;

    @Parameters(index = "1", paramLabel = "RATING", description = "up or down.")
    String rating;

    @Option(
            names = "--expect",
            paramLabel = "DOC",
            description = "The document the answer should rest on: a path relative to its source, a URI or a chunk id.")
    String expect;

    @Option(
            names = "--expect-text",
            paramLabel = "TEXT",
            description = "A phrase of that document the right answer must rest on.")
    String expectText;

    @Option(names = "--comment", paramLabel = "TEXT", description = "Free text kept with the feedback.")
    String comment;

    @Option(names = "--json", description = "Print the stored feedback and its diagnosis as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (!rating.equals("up") && !rating.equals("down")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "RATING must be up or down, got '" + rating + "'");
        }
        if (rating.equals("up") && (expect != null || expectText != null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--expect and --expect-text go with a thumbs-down only");
        }
        AnswerStore.Feedback f;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            f = kb.feedback()
                    .add(
                            new FeedbackRecord(0, answerId, LOCAL, LOCAL, rating, comment, System.currentTimeMillis()),
                            expect,
                            expectText,
                            null);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(FeedbackCommand.view(f)));
        } else {
            FeedbackCommand.print(out, f);
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
