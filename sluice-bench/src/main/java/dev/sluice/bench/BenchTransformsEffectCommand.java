package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "transforms-effect",
        mixinStandardHelpOptions = true,
        description = {
            "The effect of the contextualize and questions transforms on retrieval: a seeded subset of SciFact"
                    + " train built plain, with contextualize and with questions, each evaluated (nDCG@10,"
                    + " recall@100, MRR@10 in bm25, dense and hybrid) and compared with plain as sluice eval"
                    + " compare does, with each sync's time, calls and billed tokens.",
            "The transforms call a local scripted OpenAI-protocol server whose replies are an extractive"
                    + " stand-in cut from the prompt, not a model: the figures measure the pipeline and that"
                    + " stand-in. Measure your own model as docs/transforms.md, \"Measuring the effect\", says.",
            "Data: the BEIR folder (SciFact train under ../shared/data by default); skipped when it is absent."
        })
final class BenchTransformsEffectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "300",
            description = "Judged queries drawn with the seed (default ${DEFAULT-VALUE}; more than there are: all).")
    int queries;

    @Option(
            names = "--others",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Documents drawn besides those the queries judge relevant (default ${DEFAULT-VALUE};"
                    + " more than the corpus has: the whole corpus).")
    int others;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description = "Draws the queries and documents; seeds the paired tests (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--questions",
            paramLabel = "N",
            defaultValue = "3",
            description = "Questions per chunk asked of the questions step, 1 to 20 (default ${DEFAULT-VALUE}).")
    int questions;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Threads embedding and searching (default: embedding.threads's default, one per core).")
    Integer threads;

    @Option(names = "--beir", paramLabel = "DIR", description = "BEIR folder (default ../shared/data/scifact-train).")
    Path beir;

    @Override
    public Integer call() throws IOException {
        int t = threads != null ? threads : dev.sluice.config.EffectiveConfig.defaultThreads();
        if (queries < 1 || others < 0 || t < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    String.format(
                            Locale.ROOT,
                            "--queries and --threads must be at least 1 and --others at least 0, got %d, %d and %d",
                            queries,
                            t,
                            others));
        }
        if (questions < 1 || questions > 20) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--questions: it must be from 1 to 20 (a questions step's count), got " + questions);
        }
        Path folder = beir != null ? beir : BeirCorpus.defaultScifact();
        if (!Files.isRegularFile(folder.resolve("queries.jsonl"))) {
            spec.commandLine()
                    .getErr()
                    .println(
                            "no BEIR collection at " + folder
                                    + ": skipping bench transforms-effect (it needs ../shared/data/scifact-train, or pass --beir)");
            return SluiceCli.EXIT_OK;
        }
        Path work = Files.createTempDirectory("sluice-bench-effect");
        try {
            TransformsEffectBenchmark.run(
                    new TransformsEffectBenchmark.Options(folder, queries, others, seed, t, questions),
                    work,
                    jsonOutput.out(spec),
                    jsonOutput.report());
            jsonOutput.finish(spec, "transforms-effect");
        } finally {
            DiagnoseBenchmark.deleteTree(work);
        }
        return SluiceCli.EXIT_OK;
    }
}
