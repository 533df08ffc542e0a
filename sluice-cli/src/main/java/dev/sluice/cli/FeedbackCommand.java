package dev.sluice.cli;

import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackDiagnosis;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice feedback}: thumbs up or down on a recorded answer, a thumbs-down diagnosed; the breakdown per layer. */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        description = "Feedback on the service's answers: add a thumbs up or down (a thumbs-down runs the diagnosis"
                + " and keeps it), list the latest with their diagnoses, or the share of failures per layer"
                + " (docs/diagnosis.md).",
        subcommands = {FeedbackAddCommand.class, FeedbackListCommand.class})
final class FeedbackCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: add or list");
    }

    /** One feedback, with its diagnosis on the lines under it. */
    static void print(PrintWriter out, AnswerStore.Feedback f) {
        out.println("#" + f.feedback().id() + "  " + f.feedback().rating() + "  "
                + Instant.ofEpochMilli(f.feedback().createdMillis()) + "  "
                + f.feedback().principal() + "  "
                + f.answer().id());
        out.println("  question:  " + f.answer().question());
        if (f.feedback().comment() != null) {
            out.println("  comment:   " + f.feedback().comment());
        }
        FeedbackDiagnosis d = f.diagnosis();
        if (d == null) {
            return;
        }
        if (d.expect() != null) {
            out.println("  expect:    " + d.expect() + (d.expectText() == null ? "" : " \"" + d.expectText() + "\""));
        }
        if (d.error() != null) {
            out.println("  diagnosis: could not run: " + d.error());
            return;
        }
        out.println("  layer:     " + d.layer() + " / " + d.cause());
        out.println("  summary:   " + d.summary());
        if (!d.fix().isEmpty()) {
            out.println("  fix:       " + d.fix());
        }
    }

    /** The JSON of one feedback: {@code sluice feedback list --json}, {@code sluice feedback add --json}. */
    static Map<String, Object> view(AnswerStore.Feedback f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.feedback().id());
        m.put("answerId", f.answer().id());
        m.put("rating", f.feedback().rating());
        m.put("comment", f.feedback().comment());
        m.put("principal", f.feedback().principal());
        m.put("at", Instant.ofEpochMilli(f.feedback().createdMillis()).toString());
        m.put("question", f.answer().question());
        m.put("diagnosis", f.diagnosis() == null ? null : f.diagnosis().view());
        return m;
    }
}
