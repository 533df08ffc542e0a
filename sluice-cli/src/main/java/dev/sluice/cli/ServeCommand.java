package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.cli.logs.LogSettings;
import dev.sluice.cli.logs.ProcessLogging;
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
            "Each caller reads only the documents its sources' access lists allow (sources[].access in sluice.yaml).",
            "Logs go to standard error, JSON lines by default, with an access log line per request; every request"
                    + " has an id (X-Request-Id, the client's or a new one) that its log lines carry."
        })
final class ServeCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

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
            description = "Close a connection that sends or reads nothing for this long (default ${DEFAULT-VALUE});"
                    + " a request body that stalls this long is answered 408.")
    int idleTimeoutSeconds;

    @Option(
            names = "--header-timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "A request's line and headers must all arrive within this long of their first byte, or"
                    + " the connection is closed (default ${DEFAULT-VALUE}).")
    int headerTimeoutSeconds;

    @Option(
            names = "--min-body-rate",
            paramLabel = "BYTES_PER_SECOND",
            defaultValue = "1024",
            description = "After 5 s, a request body must have arrived at this average rate or it is cut off with"
                    + " 408 (default ${DEFAULT-VALUE}; 0 turns the check off).")
    long minBodyRate;

    @Option(
            names = "--metrics-from",
            split = ",",
            paramLabel = "ADDRESS",
            description = "IP addresses that may read /metrics without an API key (Prometheus scrapers hold none),"
                    + " comma-separated, e.g. 127.0.0.1. Default: none; /metrics needs an admin key.")
    java.util.List<String> metricsFrom = new java.util.ArrayList<>();

    @Option(
            names = "--log-format",
            paramLabel = "FORMAT",
            description = "Log lines on standard error as json (one object a line: timestamp, level, logger, thread,"
                    + " message, requestId, traceId, ...) or text. Default: SLUICE_LOG_FORMAT, else json.")
    String logFormat;

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description = "Level of Sluice's own log lines: error, warn, info, debug or trace. Default:"
                    + " SLUICE_LOG_LEVEL, else info. Libraries log their warnings and errors.")
    String logLevel;

    @Option(
            names = "--no-access-log",
            description = "Leave out the access log (logger sluice.access: one line per request, written after it).")
    boolean noAccessLog;

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
        if (maxUploadMb < 1 || idleTimeoutSeconds < 1 || headerTimeoutSeconds < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--max-upload-mb, --idle-timeout and --header-timeout must be at least 1");
        }
        if (minBodyRate < 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--min-body-rate must be >= 0 (0 turns it off), got " + minBodyRate);
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
        LogSettings logs = LogSettings.service(logFormat, logLevel, !noAccessLog, System.getenv());
        ProcessLogging.apply(logs);
        KnowledgeBase kb = KnowledgeBase.openOrCreate(effective);
        String served = kb.backends().embedded()
                ? effective.index().toString()
                : kb.backends().index().name() + " " + kb.backends().index().describe() + " with catalog "
                        + kb.backends().choice().catalog().name();
        SluiceServer server = SluiceServer.start(
                kb,
                host,
                port,
                SluiceServer.Limits.DEFAULTS
                        .withRate(rateLimit, (int) Math.max(1, Math.ceil(rateLimit * 2)))
                        .withMaxUploadBytes(maxUploadMb * 1024L * 1024L)
                        .withIdleTimeoutMillis(idleTimeoutSeconds * 1000L)
                        .withHeaderTimeoutMillis(headerTimeoutSeconds * 1000L)
                        .withMinBodyRate(minBodyRate, SluiceServer.Limits.DEFAULTS.bodyRateGraceMillis())
                        .withMetricsScrapers(java.util.Set.copyOf(
                                metricsFrom.stream().map(String::strip).toList())));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            say(logs, err, "stopped");
                            stopped.countDown();
                        },
                        "sluice-serve-stop"));
        say(logs, err, "serving " + served + " on http://" + host + ":" + server.port() + " (Ctrl-C stops)");
        stopped.await();
        return SluiceCli.EXIT_OK;
    }

    /** A line for the operator: printed as it is beside text logs, a log line among JSON ones. */
    private static void say(LogSettings logs, PrintWriter err, String line) {
        if (logs.format() == LogSettings.Format.JSON) {
            LOG.info(line);
        } else {
            err.println(line);
            err.flush();
        }
    }
}
