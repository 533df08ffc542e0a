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
        name = "observe",
        mixinStandardHelpOptions = true,
        description = {
            "Observing at scale, over HTTP: search latency of a traced service beside an untraced one"
                    + " (OTEL_SDK_DISABLED) on the same index, then the dashboard's pages after filling the"
                    + " trace store, eval runs and incidents.",
            "Queries: 2-6 words from random chunks of the index (seed 42)."
        })
final class BenchObserveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(names = "--index", required = true, paramLabel = "DIR", description = "An existing knowledge base.")
    Path index;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Queries (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            defaultValue = "bm25",
            description = "bm25, dense or hybrid for the overhead part (default ${DEFAULT-VALUE}).")
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
            description = "Overhead rounds, the first a warm-up (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--traces",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Fill the trace store to this many traces (default ${DEFAULT-VALUE}).")
    int traces;

    @Option(
            names = "--eval-queries",
            paramLabel = "N",
            defaultValue = "250",
            description = "Queries of each of the two eval runs, in two modes (default ${DEFAULT-VALUE}).")
    int evalQueries;

    @Option(
            names = "--page-repeats",
            paramLabel = "N",
            defaultValue = "20",
            description = "Fetches of each dashboard page (default ${DEFAULT-VALUE}).")
    int pageRepeats;

    @Override
    public Integer call() throws Exception {
        dev.sluice.retrieve.SearchMode searchMode = dev.sluice.retrieve.SearchMode.fromLabel(mode);
        if (searchMode == null
                || queries < 1
                || rounds < 2
                || k < 1
                || traces < 0
                || evalQueries < 1
                || pageRepeats < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--mode must be bm25, dense or hybrid; --queries, -k, --eval-queries, --page-repeats at least"
                            + " 1; --rounds at least 2; --traces at least 0");
        }
        ObserveBenchmark.run(
                new ObserveBenchmark.Options(index, queries, searchMode, k, rounds, traces, evalQueries, pageRepeats),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "observe");
        return SluiceCli.EXIT_OK;
    }
}
