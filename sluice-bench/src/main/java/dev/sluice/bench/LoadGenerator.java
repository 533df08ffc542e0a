package dev.sluice.bench;

import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load for {@code sluice bench serve}: a closed loop (each worker sends its next request when the
 * last one returns: the most the service can do) and an open loop (requests at fixed times, latency
 * measured from the time a request was due, as wrk2 does, so a slow response cannot hide the
 * requests that should have been sent while it was pending: no coordinated omission).
 *
 * <p>Latencies go into an HdrHistogram {@link Recorder} (microseconds, 3 significant digits,
 * constant memory however long the phase), so a soak's heap figure does not count the samples.
 */
final class LoadGenerator {
    /** A request is "behind schedule" when it is sent this much after the time it was due. */
    static final long LATE_MILLIS = 10;

    /** One request for query number {@code query}: the HTTP status it ended with (200: success). */
    @FunctionalInterface
    interface Call {
        int send(int query) throws Exception;
    }

    /** How long a phase may run and how many requests it may send, whichever ends it first. */
    record Bounds(long nanos, long maxRequests) {
        Bounds {
            if (nanos <= 0 || maxRequests <= 0) {
                throw new IllegalArgumentException(
                        "a phase needs a positive duration and request count, got " + nanos + " ns, " + maxRequests);
            }
        }
    }

    /**
     * What one phase measured.
     *
     * @param behindSchedule open loop: requests sent more than {@link #LATE_MILLIS} after their due
     *     time (-1 for a closed loop)
     * @param dropped open loop: requests still waiting for a connection when the time was up, not sent
     */
    record Result(
            String label,
            Histogram latencyMicros,
            double seconds,
            Map<String, Long> errors,
            long behindSchedule,
            double maxLateMillis,
            long dropped) {
        long requests() {
            return latencyMicros.getTotalCount();
        }

        double perSecond() {
            return requests() / seconds;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double millis(double percentile) {
            return requests() == 0 ? Double.NaN : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return requests() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
        }

        String errorsText() {
            if (errors.isEmpty()) {
                return "none";
            }
            StringBuilder sb = new StringBuilder();
            errors.forEach((what, n) -> sb.append(sb.isEmpty() ? "" : ", ")
                    .append(what)
                    .append(": ")
                    .append(n));
            return sb.toString();
        }
    }

    /** The recording side of one phase: safe to record from many threads while another reads intervals. */
    static final class Phase {
        private final Recorder recorder = new Recorder(3);
        private final Histogram total = new Histogram(3);
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final LongAdder behind = new LongAdder();
        private final LongAdder dropped = new LongAdder();
        private final AtomicLong maxLateNanos = new AtomicLong();

        /** The latencies recorded since the last call (also added to the phase's total). */
        synchronized Histogram interval() {
            Histogram h = recorder.getIntervalHistogram();
            total.add(h);
            return h;
        }

        /** The phase's figures; {@code scheduled}: an open loop (a closed one has no schedule to fall behind). */
        Result result(String label, double seconds, boolean scheduled) {
            interval();
            Map<String, Long> byKind = new TreeMap<>();
            errors.forEach((k, v) -> byKind.put(k, v.sum()));
            synchronized (this) {
                return new Result(
                        label,
                        total.copy(),
                        seconds,
                        byKind,
                        scheduled ? behind.sum() : -1,
                        scheduled ? maxLateNanos.get() / 1e6 : Double.NaN,
                        dropped.sum());
            }
        }

        private void send(Call call, int query, long dueNanos) {
            String error;
            try {
                int status = call.send(query);
                error = status == 200 ? null : "HTTP " + status;
            } catch (HttpTimeoutException e) {
                error = "timeout";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception e) {
                error = e.getClass().getSimpleName();
            }
            recorder.recordValue(Math.max(1, (System.nanoTime() - dueNanos) / 1000));
            if (error != null) {
                errors.computeIfAbsent(error, k -> new LongAdder()).increment();
            }
        }
    }

    private LoadGenerator() {}

    /**
     * {@code workers} threads, each sending its next request as soon as the last returns.
     *
     * @return the seconds the phase ran
     */
    static double closedLoop(Phase phase, int workers, Bounds bounds, int queries, Call call)
            throws InterruptedException {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + bounds.nanos();
        ExecutorService pool = clients("sluice-bench-client-", workers);
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                long i;
                while (System.nanoTime() - deadline < 0 && (i = next.getAndIncrement()) < bounds.maxRequests()) {
                    phase.send(call, (int) (i % queries), System.nanoTime());
                }
            });
        }
        finish(pool);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Requests due every {@code 1/rate} seconds, sent by {@code connections} threads (like wrk2's
     * connections): when all are busy a request waits in line, is counted behind schedule when it
     * leaves more than {@link #LATE_MILLIS} late, and its latency includes the wait. A request still
     * waiting, behind schedule, when the phase's time is up is not sent: it is counted as dropped, so
     * an overloaded service cannot stretch the phase.
     *
     * @return the seconds from the first due time to the last response
     */
    static double openLoop(Phase phase, double rate, int connections, Bounds bounds, int queries, Call call)
            throws InterruptedException {
        long intervalNanos = Math.max(1, Math.round(1e9 / rate));
        long start = System.nanoTime() + 5_000_000; // a moment to start the threads
        long deadline = start + bounds.nanos();
        ExecutorService pool = clients("sluice-bench-open-", connections);
        for (long i = 0; i < bounds.maxRequests(); i++) {
            long due = start + i * intervalNanos;
            if (due - deadline >= 0) {
                break;
            }
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int query = (int) (i % queries);
            pool.execute(() -> {
                long now = System.nanoTime();
                long late = now - due;
                if (now - deadline >= 0 && late > LATE_MILLIS * 1_000_000) {
                    phase.dropped.increment();
                    return;
                }
                if (late > LATE_MILLIS * 1_000_000) {
                    phase.behind.increment();
                }
                phase.maxLateNanos.accumulateAndGet(late, Math::max);
                phase.send(call, query, due);
            });
        }
        finish(pool);
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Platform threads, not virtual ones: the service runs in this process on virtual threads, and
     * clients sharing its carrier threads would wait for a CPU-bound search to let go of a carrier
     * before they could take a response, counting the service's queue as their own latency.
     */
    private static ExecutorService clients(String name, int threads) {
        return Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().name(name, 0).daemon(true).factory());
    }

    /** Waits for what was started (each request has its own time-out). */
    private static void finish(ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("load threads still running 10 minutes after their phase ended");
        }
    }

    static String describe(Result r) {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.1f | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %s | %s |",
                r.label(),
                r.requests(),
                r.seconds(),
                r.perSecond(),
                r.millis(50),
                r.millis(90),
                r.millis(99),
                r.maxMillis(),
                r.errorCount(),
                r.behindSchedule() < 0 ? "-" : Long.toString(r.behindSchedule()),
                r.behindSchedule() < 0 ? "-" : Long.toString(r.dropped()));
    }
}
