package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.incident.IncidentMonitor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's incident detectors on a schedule: a check every {@code incidents.interval}, and
 * webhook deliveries every few seconds on a thread of their own, so a slow or failing receiver never
 * delays a check (nor a check a delivery). A check that fails is logged and tried again next time.
 */
final class IncidentSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentSchedule.class);
    /** How often due webhook notifications are sent (at most: the check interval). */
    static final long DELIVERY_MILLIS = 5_000;

    private final ScheduledExecutorService executor;

    private IncidentSchedule(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static IncidentSchedule start(KnowledgeBase kb) {
        IncidentMonitor monitor = kb.incidents();
        long every = monitor.settings().interval().toMillis();
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "sluice-incidents-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        monitor.check();
                    } catch (RuntimeException e) {
                        LOG.warn("incident check failed: {}", e.getMessage());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        long deliverEvery = Math.min(every, DELIVERY_MILLIS);
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        monitor.deliver();
                    } catch (RuntimeException e) {
                        LOG.warn("webhook delivery failed: {}", e.getMessage());
                    }
                },
                deliverEvery,
                deliverEvery,
                TimeUnit.MILLISECONDS);
        return new IncidentSchedule(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS); // a check in flight writes to the catalog
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
