package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.Answer;
import dev.sluice.answer.Asker;
import dev.sluice.answer.Citation;
import dev.sluice.retrieve.SearchFilters;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ask",
        mixinStandardHelpOptions = true,
        description = {
            "Answer a question from the knowledge base, citing the passages it rests on; every citation is checked"
                    + " against the passages before the answer is shown. Without a language model the answer is"
                    + " extractive: sentences of the best passages, as they are."
        })
final class AskCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (several words are joined).")
    List<String> words;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = {"-k", "--k"},
            paramLabel = "K",
            defaultValue = "8",
            description = "Passages retrieved for the context (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--min-similarity",
            paramLabel = "COSINE",
            description = "Below this best passage similarity, say nothing relevant was found (default: the model's"
                    + " floor, 0.60 for bge-small-en-v1.5, 0.35 for all-MiniLM-L6-v2).")
    Double minSimilarity;

    @Option(names = "--source", paramLabel = "NAME", description = "Only this source; repeatable.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--path", paramLabel = "GLOB", description = "Only files whose path matches.")
    String pathGlob;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this document type; repeatable.")
    List<String> types = new ArrayList<>();

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Asker.Options options;
        try {
            options = new Asker.Options(
                    k,
                    Asker.Options.DEFAULTS.maxContextTokens(),
                    minSimilarity,
                    new SearchFilters(sources, pathGlob, types));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        String question = String.join(" ", words).strip();
        if (question.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "QUESTION must not be blank");
        }
        Answer answer;
        String traceId;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index));
                var command = kb.trace("sluice ask", Context.root(), SpanKind.INTERNAL)) {
            answer = kb.ask(question, options);
            traceId = command.traceId();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            java.util.Map<String, Object> body = new java.util.LinkedHashMap<>(dev.sluice.JsonViews.answer(answer));
            body.put("traceId", traceId); // sluice traces show TRACE_ID
            out.println(Json.write(body));
        } else {
            out.println(answer.text());
            if (!answer.citations().isEmpty()) {
                out.println();
                for (Citation c : answer.citations()) {
                    out.println("  [" + c.number() + "] " + citation(c));
                }
            }
            if (!answer.conflicts().isEmpty()) {
                out.println();
                out.println("Sources disagree (" + answer.conflicts().size() + "):");
                for (dev.sluice.conflict.Conflict c : answer.conflicts()) {
                    out.println("  " + c.kind() + (c.subject().isBlank() ? "" : ", " + c.subject()) + ": ["
                            + answer.numberOf(c.a().id()) + "] " + c.valueA() + " / [" + answer.numberOf(c.b().id())
                            + "] " + c.valueB());
                }
            }
            out.println();
            out.println("(" + answer.note() + ")");
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    private static String citation(Citation c) {
        StringBuilder sb = new StringBuilder(c.path());
        if (c.pageStart() > 0) {
            sb.append(c.pageEnd() > c.pageStart() ? " pp." + c.pageStart() + "-" + c.pageEnd() : " p." + c.pageStart());
        }
        if (!c.headingPath().isEmpty()) {
            sb.append(" § ").append(String.join(" > ", c.headingPath()));
        }
        return sb.toString();
    }
}
