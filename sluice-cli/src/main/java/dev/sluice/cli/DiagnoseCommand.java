package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.diagnose.Diagnosis;
import dev.sluice.diagnose.DiagnosisRequest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {
            "Say which layer a bad answer comes from: reruns the question as it was answered and walks data,"
                    + " staleness, retrieval, context, contradiction and model, stopping at the first that fails,"
                    + " with evidence and a fix (docs/diagnosis.md).",
            "Exit code 0 when the answer rests on the expected document, 3 when a layer failed, 2 for an"
                    + " unknown document, answer or key."
        })
final class DiagnoseCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(
            arity = "0..1",
            paramLabel = "QUESTION",
            description = "The question (may be left out with --answer: the answer's question is used).")
    String question;

    @Option(
            names = "--expect",
            required = true,
            paramLabel = "DOC",
            description = "The document the answer should rest on: a path relative to its source, a URI or a chunk id.")
    String expect;

    @Option(
            names = "--expect-text",
            paramLabel = "TEXT",
            description = "A phrase of that document the right answer must rest on.")
    String expectText;

    @Option(
            names = "--answer",
            paramLabel = "ANSWER_ID",
            description = "A recorded answer of the service (ans_...): rerun with its question and its key's access.")
    String answerId;

    @Option(
            names = "--as-key",
            paramLabel = "KEY_ID",
            description = "Ask with this API key's access (its principal and groups); default: the answer's key,"
                    + " or full access.")
    String keyId;

    @Option(names = "--json", description = "Print the diagnosis as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if ((question == null || question.isBlank()) && answerId == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "give the QUESTION, or --answer ANSWER_ID to take a recorded answer's question");
        }
        Diagnosis d;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            d = kb.diagnose(DiagnosisRequest.of(question, expect, expectText, answerId, keyId));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(d.view()));
        } else {
            print(out, d);
        }
        out.flush();
        return d.failed() ? SluiceCli.EXIT_CHECK_FAILED : SluiceCli.EXIT_OK;
    }

    private static void print(PrintWriter out, Diagnosis d) {
        out.println("layer:    " + d.layer().label());
        out.println("cause:    " + d.cause());
        out.println("summary:  " + d.summary());
        if (!d.passed().isEmpty()) {
            out.println("passed:   "
                    + String.join(", ", d.passed().stream().map(l -> l.label()).toList()));
        }
        out.println("evidence:");
        d.evidence().forEach((key, value) -> out.println("  " + key + ": " + line(value)));
        if (!d.fix().isEmpty()) {
            out.println("fix:      " + d.fix());
        }
    }

    /** A value on one line: maps as {a=1, b=2}, lists as [x, y], long text cut at 240 characters. */
    private static String line(Object value) {
        String s = String.valueOf(value).replaceAll("\\s+", " ");
        return s.length() <= 240 ? s : s.substring(0, 237) + "...";
    }
}
