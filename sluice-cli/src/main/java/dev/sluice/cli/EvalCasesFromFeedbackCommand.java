package dev.sluice.cli;

import dev.sluice.Feedbacks;
import dev.sluice.KnowledgeBase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice eval cases from-feedback --out FILE [--since AGE]}. */
@Command(
        name = "from-feedback",
        mixinStandardHelpOptions = true,
        description = {
            "Append diagnosed thumbs-down feedback with an expected document to an eval set in Sluice's JSON"
                    + " lines format (id feedback-N, the question, relevant: the expected document's URI), without"
                    + " repeating a case the file holds; then sluice eval run --set FILE --gate keeps each fixed"
                    + " failure fixed."
        })
final class EvalCasesFromFeedbackCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The eval set to append to.")
    Path file;

    @Option(
            names = "--since",
            paramLabel = "AGE",
            description = "Only feedback given within this age: 12h, 7d, 4w (default: all).")
    String since;

    @Option(names = "--json", description = "Print what was done as JSON.")
    boolean json;

    @Override
    public Integer call() {
        long sinceMillis = FeedbackListCommand.sinceMillis(spec, since);
        Feedbacks.CasesOutcome o;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            o = kb.feedback().casesFromFeedback(file, sinceMillis);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", o.file().toString());
            m.put("added", o.added());
            m.put("alreadyPresent", o.alreadyPresent());
            m.put("withoutExpected", o.withoutExpected());
            m.put("cases", o.cases());
            out.println(Json.write(m));
        } else {
            out.println(o.added() + " case(s) added to " + o.file() + ", " + o.alreadyPresent()
                    + " already there, " + o.withoutExpected()
                    + " thumbs-down left out (no expected document, or its diagnosis could not run)");
            if (o.added() > 0) {
                out.println("next: sluice eval run --set " + o.file() + " --gate");
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
