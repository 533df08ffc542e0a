package dev.sluice.cli;

import dev.sluice.config.SluiceConfig;
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
            "Serve the knowledge base over HTTP: /healthz, /readyz, /v1/search and /v1/ask, each /v1 route behind an"
                    + " API key (sluice keys create). Ctrl-C stops after requests in flight finish.",
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

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        SluiceConfig file = config.load();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        if (!(rateLimit > 0)) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--rate-limit must be > 0, got " + rateLimit);
        }
        SluiceServer server =
                SluiceServer.start(file, index.resolve(file), host, port, new SluiceServer.Limits(rateLimit, (int)
                        Math.max(1, Math.ceil(rateLimit * 2))));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            err.println("stopped");
                            err.flush();
                            stopped.countDown();
                        },
                        "sluice-serve-stop"));
        err.println("serving " + index.resolve(file) + " on http://" + host + ":" + server.port() + " (Ctrl-C stops)");
        err.flush();
        stopped.await();
        return SluiceCli.EXIT_OK;
    }
}
