package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "scale-out",
        mixinStandardHelpOptions = true,
        description = {
            "Search on OpenSearch beside the embedded Lucene index, same chunks and queries, same run: build times,"
                    + " p50/p99/mean and queries/s per mode; then /v1/search on the embedded service, one replica"
                    + " and two replicas over OpenSearch + PostgreSQL.",
            "Needs both engines (scripts/engines/opensearch.sh start, scripts/engines/postgres.sh start); uses an"
                    + " index prefix and a schema of its own and removes them. PostgreSQL password:"
                    + " $SLUICE_PG_PASSWORD (default sluice_test)."
        })
final class BenchScaleOutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--chunks",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Chunks in each index (default ${DEFAULT-VALUE}).")
    int chunks;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "500",
            description = "Distinct queries, seeded (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--warm-up",
            paramLabel = "N",
            defaultValue = "100",
            description = "Searches before each timed pass, not timed (default ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(
            names = "--k",
            paramLabel = "N",
            defaultValue = "10",
            description = "Results a search asks for (default ${DEFAULT-VALUE}).")
    int k;

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "4",
            description = "Threads of the index throughput phases (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "8",
            description = "HTTP clients of the service phases, closed loop (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "10",
            description = "Length of each throughput and HTTP phase (default ${DEFAULT-VALUE}).")
    long seconds;

    @Option(
            names = "--index-threads",
            paramLabel = "N",
            defaultValue = "2",
            description = "Threads writing each index (default ${DEFAULT-VALUE}).")
    int indexThreads;

    @Option(
            names = "--opensearch-url",
            paramLabel = "URL",
            defaultValue = "${env:SLUICE_OPENSEARCH_URL:-http://127.0.0.1:9201}",
            description = "OpenSearch with the k-NN plugin (default ${DEFAULT-VALUE}).")
    String openSearchUrl;

    @Option(
            names = "--pg-url",
            paramLabel = "URL",
            defaultValue = "${env:SLUICE_PG_URL:-jdbc:postgresql://127.0.0.1:5432/sluice_test}",
            description = "PostgreSQL JDBC URL (default ${DEFAULT-VALUE}).")
    String postgresUrl;

    @Option(
            names = "--pg-user",
            paramLabel = "USER",
            defaultValue = "${env:SLUICE_PG_USER:-sluice_test}",
            description = "PostgreSQL user (default ${DEFAULT-VALUE}); the password is read from $SLUICE_PG_PASSWORD.")
    String postgresUser;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Work folder for the Lucene index and sluice.yaml (default: a temporary one); what the"
                    + " run wrote there is deleted at the end.")
    Path work;

    @Option(names = "--no-http", description = "Skip part 2 (the services over HTTP).")
    boolean noHttp;

    /** The options as the benchmark takes them; a bad value is a usage error naming its flag. */
    ScaleOutBenchmark.Options options() {
        try {
            return new ScaleOutBenchmark.Options(
                    chunks,
                    queries,
                    warmUp,
                    k,
                    threads,
                    clients,
                    Duration.ofSeconds(seconds),
                    indexThreads,
                    openSearchUrl,
                    postgresUrl,
                    postgresUser,
                    work,
                    !noHttp);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        ScaleOutBenchmark.Options options = options();
        ScaleOutBenchmark.run(options, jsonOutput.out(spec), jsonOutput.report());
        jsonOutput.finish(spec, "scale-out");
        return SluiceCli.EXIT_OK;
    }
}
