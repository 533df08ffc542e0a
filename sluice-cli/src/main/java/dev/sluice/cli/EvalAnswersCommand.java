package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswersReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "answers",
        mixinStandardHelpOptions = true,
        description = "Ask every question of a Sluice .jsonl set: exact match and token F1 against reference"
                + " answers (SQuAD's definitions); with --judge, faithfulness, answer relevance, context precision"
                + " and recall from an LLM judge, with their spread over repeated judging.")
final class EvalAnswersCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--set", required = true, paramLabel = "FILE", description = "A Sluice .jsonl eval set.")
    Path set;

    @Option(
            names = "--min-similarity",
            paramLabel = "COSINE",
            description = "The relevance gate of ask (default: the model's floor).")
    Double minSimilarity;

    @Option(names = "--judge", description = "Also judge each answer with the llm of sluice.yaml.")
    boolean judge;

    @Option(
            names = "--judge-repeats",
            paramLabel = "N",
            defaultValue = "1",
            description = "Judge each answer N times (no cache) and report the spread (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--judge-model", paramLabel = "MODEL", description = "Judge model (default: llm.model).")
    String judgeModel;

    @Option(names = "--json", description = "Print per-question results as JSON.")
    boolean json;

    @Override
    public Integer call() {
        AnswersReport report;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            report = kb.eval().answers(set, minSimilarity, judge, repeats, judgeModel);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(report.toJson()));
        } else {
            report.print(out);
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
