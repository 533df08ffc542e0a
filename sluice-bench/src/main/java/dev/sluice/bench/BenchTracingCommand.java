package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "tracing",
        mixinStandardHelpOptions = true,
        description = {
            "Search latency with tracing (KnowledgeBase.search) beside the same searches untraced, in alternating rounds.",
            "Queries: the BEIR folder's queries.jsonl (SciFact train under ../shared/data by default)."
        })
final class BenchTracingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "An existing knowledge base.")
    Path index;

    @Option(
            names = "--beir",
            paramLabel = "DIR",
            description = "BEIR folder whose queries.jsonl to search (default ../shared/data/scifact-train).")
    Path beir;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "500",
            description = "Queries (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "bm25",
            description = "bm25, dense or hybrid (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "-k",
            paramLabel = "N",
            defaultValue = "10",
            description = "Results per search (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "4",
            description = "Rounds, the first a warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        dev.sluice.retrieve.SearchMode searchMode = dev.sluice.retrieve.SearchMode.fromLabel(mode);
        if (searchMode == null || queries < 1 || rounds < 2 || k < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--mode must be bm25, dense or hybrid; --queries, -k at least 1; --rounds at least 2");
        }
        Path folder = beir != null ? beir : BeirCorpus.defaultScifact();
        java.util.List<String> texts = BeirCorpus.readQueries(folder.resolve("queries.jsonl"), queries).stream()
                .map(BeirCorpus.Query::text)
                .toList();
        TracingBenchmark.run(
                new TracingBenchmark.Options(index, texts, searchMode, k, rounds),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "tracing");
        return SluiceCli.EXIT_OK;
    }
}
