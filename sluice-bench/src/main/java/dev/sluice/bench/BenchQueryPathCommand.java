package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import dev.sluice.embed.EmbeddingModelSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "query-path",
        mixinStandardHelpOptions = true,
        description = {
            "What embedding a query costs, beside cheaper candidates in the same run: two intra-op threads, "
                    + "batches of concurrent queries, two callers at once, no instruction prefix.",
            "Queries: the BEIR folder's queries.jsonl (SciFact train under ../shared/data by default)."
        })
final class BenchQueryPathCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--beir",
            paramLabel = "DIR",
            description = "BEIR folder whose queries.jsonl to embed (default ../shared/data/scifact-train).")
    Path beir;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "400",
            description = "Queries (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "4",
            description = "Rounds, the first a warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--model",
            paramLabel = "ID",
            defaultValue = "bge-small-en-v1.5-q",
            description = "Embedding model (default ${DEFAULT-VALUE}).")
    String model;

    @Override
    public Integer call() throws Exception {
        if (queries < 16 || rounds < 2) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--queries must be >= 16 and --rounds >= 2, got " + queries + " and " + rounds);
        }
        EmbeddingModelSpec spec;
        try {
            spec = EmbeddingModelSpec.byId(model);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(this.spec.commandLine(), "--model: " + e.getMessage());
        }
        Path folder = beir != null ? beir : BeirCorpus.defaultScifact();
        java.util.List<String> texts = BeirCorpus.readQueries(folder.resolve("queries.jsonl"), queries).stream()
                .map(BeirCorpus.Query::text)
                .toList();
        QueryPathBenchmark.run(
                new QueryPathBenchmark.Options(spec, texts, rounds), jsonOutput.out(this.spec), jsonOutput.report());
        jsonOutput.finish(this.spec, "query-path");
        return SluiceCli.EXIT_OK;
    }
}
