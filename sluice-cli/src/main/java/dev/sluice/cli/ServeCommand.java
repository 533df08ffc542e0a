package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.serve.SluiceServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the knowledge base over HTTP: search, ask (JSON or server-sent events), documents (list, lineage,"
                    + " upload, delete), sources and sync, jobs, runs, evaluation runs, feedback, status; /openapi.json"
                    + " lists them. Every /v1 route needs an API key (sluice keys create). Ctrl-C stops after requests"
                    + " in flight and the running ingest job finish.",
            "Each caller reads only the documents its sources' access lists allow (sources[].access in sluice.yaml)."
        })
final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "7878",
            description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--rate-limit",
            paramLabel = "PER_SECOND",
            defaultValue = "20",
            description = "Requests a second per API key, on average (default ${DEFAULT-VALUE}); bursts of twice that."
                    + " Above it: 429 with Retry-After.")
    double rateLimit;

    @Option(
            names = "--max-upload-mb",
            paramLabel = "MB",
            defaultValue = "64",
            description = "Largest upload request, all its files together (default ${DEFAULT-VALUE}); above it: 413.")
    int maxUploadMb;

    @Option(
            names = "--idle-timeout",
            paramLabel = "SECONDS",
            defaultValue = "30",
            description = "Close a connection that sends or reads nothing for this long (default ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(
            names = "--metrics-from",
            split = ",",
            paramLabel = "ADDRESS",
            description = "IP addresses that may read /metrics without an API key (Prometheus scrapers hold none),"
                    + " comma-separated, e.g. 127.0.0.1. Default: none; /metrics needs an admin key.")
    java.util.List<String> metricsFrom = new java.util.ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        EffectiveConfig effective = config.effective(index);
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        if (!(rateLimit > 0)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--rate-limit must be > 0, got " + rateLimit);
        }
        if (maxUploadMb < 1 || idleTimeoutSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--max-upload-mb and --idle-timeout must be at least 1");
        }
        for (String address : metricsFrom) {
            try {
                java.net.InetAddress.ofLiteral(address.strip());
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "--metrics-from takes IP addresses such as 127.0.0.1 or ::1, got '" + address + "'");
            }
        }
        SluiceServer server = SluiceServer.start(
                KnowledgeBase.openOrCreate(effective),
                host,
                port,
                SluiceServer.Limits.DEFAULTS
                        .withRate(rateLimit, (int) Math.max(1, Math.ceil(rateLimit * 2)))
                        .withMaxUploadBytes(maxUploadMb * 1024L * 1024L)
                        .withIdleTimeoutMillis(idleTimeoutSeconds * 1000L)
                        .withMetricsScrapers(java.util.Set.copyOf(
                                metricsFrom.stream().map(String::strip).toList())));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            err.println("stopped");
                            err.flush();
                            stopped.countDown();
                        },
                        "sluice-serve-stop"));
        err.println("serving " + effective.index() + " on http://" + host + ":" + server.port() + " (Ctrl-C stops)");
        err.flush();
        stopped.await();
        return SluiceCli.EXIT_OK;
    }
}
