package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = {
            "The LLM gateway against a scripted OpenAI-protocol server on 127.0.0.1: its own overhead per call "
                    + "beside a bare HTTP call, then concurrent asks with failing replies under a daily budget."
        })
final class BenchGatewayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--calls",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Overhead calls (default ${DEFAULT-VALUE}).")
    int calls;

    @Option(
            names = "--asks",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Chaos asks (default ${DEFAULT-VALUE}).")
    int asks;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "32",
            description = "Concurrent askers (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--failure-rate",
            paramLabel = "SHARE",
            defaultValue = "0.3",
            description = "Share of failing server replies (default ${DEFAULT-VALUE}).")
    double failureRate;

    @Option(
            names = "--budget-usd",
            paramLabel = "USD",
            defaultValue = "0.10",
            description = "Daily budget of the chaos phase (default ${DEFAULT-VALUE}).")
    String budgetUsd;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (calls < 1 || asks < 1 || concurrency < 1 || !(failureRate >= 0 && failureRate < 1)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--calls, --asks and --concurrency must be >= 1, --failure-rate in [0, 1)");
        }
        dev.sluice.bench.GatewayBenchmark.run(
                new dev.sluice.bench.GatewayBenchmark.Options(calls, asks, concurrency, failureRate, budgetUsd, seed),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "gateway");
        return SluiceCli.EXIT_OK;
    }
}
