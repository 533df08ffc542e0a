package dev.sluice.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends OpenLineage events through the official client's transports, on a thread of its own.
 *
 * <p>Emission never fails or slows a run: {@link #emit} hands the event to the {@code sluice-lineage} thread
 * and returns; the transport's time-out bounds each send; a queue of {@value #QUEUE} events drops the
 * newest when a receiver falls that far behind. A failed send is logged as a warning once per run, with the
 * reason, and the run goes on. Events leave in the order they were handed over (a run's START before its
 * COMPLETE). {@link #close} waits a bounded time for what is queued.
 */
public final class LineageEmitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LineageEmitter.class);
    static final int QUEUE = 1_000;

    private final LineageSettings settings;
    private final Transport transport;
    private final ThreadPoolExecutor sender;
    private final Set<UUID> warned = ConcurrentHashMap.newKeySet();

    private LineageEmitter(LineageSettings settings, Transport transport) {
        this.settings = settings;
        this.transport = transport;
        this.sender =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
                    Thread t = new Thread(runnable, "sluice-lineage");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * The emitter for {@code settings}, or null when they send nothing; {@code environment} holds the
     * receiver's key ({@code lineage.apiKeyEnv}).
     */
    public static LineageEmitter open(LineageSettings settings, Map<String, String> environment) {
        if (!settings.enabled()) {
            return null;
        }
        return new LineageEmitter(settings, transport(settings, environment));
    }

    public LineageSettings settings() {
        return settings;
    }

    private static Transport transport(LineageSettings settings, Map<String, String> environment) {
        return switch (settings.transport()) {
            case HTTP -> {
                HttpConfig config = new HttpConfig();
                config.setUrl(settings.url());
                config.setEndpoint(settings.endpoint());
                config.setTimeoutInMillis(settings.timeoutMillis());
                if (settings.apiKeyEnv() != null) {
                    String key = environment.get(settings.apiKeyEnv());
                    if (key == null || key.isBlank()) {
                        log.warn(
                                "lineage.apiKeyEnv names {}, which is not set: lineage events go to {} without a key",
                                settings.apiKeyEnv(),
                                settings.url());
                    } else {
                        ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
                        auth.setApiKey(key);
                        config.setAuth(auth);
                    }
                }
                yield new HttpTransport(config);
            }
            case FILE -> {
                createParent(settings.path());
                yield new FileTransport(new FileConfig(settings.path().toString()));
            }
            case CONSOLE -> new StderrTransport();
            case NONE -> throw new IllegalArgumentException("lineage.transport none sends nothing");
        };
    }

    private static void createParent(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            log.warn("cannot create the folder of lineage.path {}: {}", file, e.getMessage());
        }
    }

    /** Hands {@code event} to the sending thread and returns at once. */
    public void emit(OpenLineage.RunEvent event) {
        try {
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            warnOnce(event, sender.isShutdown() ? "the knowledge base is closing" : QUEUE + " events are waiting");
        }
    }

    private void send(OpenLineage.RunEvent event) {
        try {
            transport.emit(event);
        } catch (Throwable e) { // an event that cannot be sent must never end the sending thread
            warnOnce(event, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private void warnOnce(OpenLineage.RunEvent event, String reason) {
        UUID run = event.getRun().getRunId();
        if (warned.size() > 10_000) {
            warned.clear(); // bounded in a long-lived service
        }
        if (warned.add(run)) {
            log.warn(
                    "lineage: the {} event of run {} ({}) was not delivered by the {} transport: {}; the run is"
                            + " not affected (further failures of this run are not logged)",
                    event.getEventType(),
                    run,
                    event.getJob().getName(),
                    settings.transport().label(),
                    reason);
        }
    }

    /** Waits until every event handed over so far was sent or dropped, at most {@code millis}; false on time-out. */
    public boolean flush(long millis) {
        CountDownLatch done = new CountDownLatch(1);
        try {
            sender.execute(done::countDown);
            return done.await(millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends what is queued, for at most a few time-outs, then stops the thread and the transport. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(2L * settings.timeoutMillis() + 500, TimeUnit.MILLISECONDS)) {
                log.warn(
                        "lineage: {} events were still waiting at close and were dropped",
                        sender.getQueue().size());
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            transport.close();
        } catch (Exception e) {
            log.debug("lineage transport close failed", e);
        }
    }

    /** {@code console}: each event as one JSON line on standard error (standard output stays the command's). */
    private static final class StderrTransport extends Transport {
        @Override
        public void emit(OpenLineage.RunEvent event) {
            write(OpenLineageClientUtils.toJson(event));
        }

        @Override
        public void emit(OpenLineage.DatasetEvent event) {
            write(OpenLineageClientUtils.toJson(event));
        }

        @Override
        public void emit(OpenLineage.JobEvent event) {
            write(OpenLineageClientUtils.toJson(event));
        }

        @Override
        public void close() {
            // standard error stays open: it is the process's
        }

        private static void write(String json) {
            byte[] line = (json.replace("\n", "") + "\n").getBytes(StandardCharsets.UTF_8);
            System.err.write(line, 0, line.length);
            System.err.flush();
        }
    }
}
