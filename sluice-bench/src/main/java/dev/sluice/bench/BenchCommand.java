package dev.sluice.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure throughput and latency; each figure is printed beside its baseline from the same run.",
        subcommands = {
            BenchIngestCommand.class,
            BenchQueryCommand.class,
            BenchSyncCommand.class,
            BenchGatewayCommand.class,
            BenchServeCommand.class,
            BenchTracingCommand.class,
            BenchQueryPathCommand.class,
            BenchObserveCommand.class,
            BenchDiagnoseCommand.class,
            BenchDedupCommand.class,
            BenchDedupSampleCommand.class,
            BenchChecksCommand.class,
            BenchTransformsEffectCommand.class,
            BenchScaleOutCommand.class,
            dev.sluice.bench.regression.RegressionsCommand.class
        })
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "choose a benchmark: ingest, query, sync, gateway, serve, tracing, query-path, observe, diagnose,"
                        + " dedup, dedup-sample, checks, transforms-effect, scale-out or regressions");
    }
}
