package dev.sluice.serve;

import dev.sluice.IngestOptions;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Origin;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.source.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The service's ingestion: syncs and uploads run one at a time, in the order they were asked for,
 * each opening the model, index writer and catalog for its run and closing them after (so a {@code
 * sluice sync} from the command line can run between them). Searches go on meanwhile and see each
 * document's old version until the run commits, then its new one.
 *
 * <p>Closing lets the running job finish and commit; jobs still waiting are cancelled.
 */
final class IngestJobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestJobs.class);
    /** Jobs remembered for {@code /v1/jobs}; older ones are forgotten (their runs stay in the catalog). */
    private static final int KEPT = 200;
    /** Jobs that may wait at once; more are refused (503 with Retry-After) rather than queued without end. */
    static final int MAX_WAITING = 50;

    /** Where a job stands. */
    enum State {
        QUEUED,
        RUNNING,
        DONE,
        FAILED,
        CANCELLED
    }

    /**
     * One job as {@code /v1/jobs/{id}} shows it.
     *
     * @param keyId the API key that asked for it (only it, and admin keys, may see the job)
     */
    record Job(
            long id,
            String kind,
            List<String> sources,
            String keyId,
            State state,
            long submittedMillis,
            long finishedMillis,
            IngestReport report,
            String error) {
        Job with(State next, IngestReport r, String e) {
            return new Job(
                    id,
                    kind,
                    sources,
                    keyId,
                    next,
                    submittedMillis,
                    next == State.RUNNING ? 0 : System.currentTimeMillis(),
                    r,
                    e);
        }

        boolean finished() {
            return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
        }
    }

    private final KnowledgeBase kb;
    private final Consumer<IngestReport> afterRun;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sluice-ingest-jobs");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private volatile boolean closing;

    /** @param afterRun told of every finished run (the searcher refreshes, counters count) */
    IngestJobs(KnowledgeBase kb, Consumer<IngestReport> afterRun) {
        this.kb = kb;
        this.afterRun = afterRun;
    }

    /**
     * Queues a run over {@code sources}.
     *
     * @param prune remove the documents of sources no longer configured (a sync of every source)
     */
    Job submit(String kind, List<Source> sources, boolean prune, String keyId) {
        if (closing) {
            throw new ApiError(503, "shutting_down", "the service is stopping; try again once it is back");
        }
        if (waiting() >= MAX_WAITING) {
            throw new ApiError(
                    503, "busy", MAX_WAITING + " ingest jobs are already waiting; try again when some have run", 30);
        }
        Job job = new Job(
                ids.incrementAndGet(),
                kind,
                sources.stream().map(Source::name).toList(),
                keyId,
                State.QUEUED,
                System.currentTimeMillis(),
                0,
                null,
                null);
        put(job);
        Map<String, String> asker = MDC.getCopyOfContextMap(); // the job's lines name the request that queued it
        runner.execute(() -> {
            if (asker != null) {
                MDC.setContextMap(asker);
            }
            try {
                run(job.id(), sources, prune);
            } finally {
                MDC.clear();
            }
        });
        return job;
    }

    private void run(long id, List<Source> sources, boolean prune) {
        if (closing) {
            update(id, State.CANCELLED, null, "cancelled: the service stopped before the job started");
            return;
        }
        update(id, State.RUNNING, null, null);
        try {
            IngestOptions options = IngestOptions.of(kb.config(), sources)
                    .withRun(new RunOptions(
                            false, prune, java.util.Map.of(), kb.config().quality()));
            if (kb.config().origin(EffectiveConfig.THREADS).kind() == Origin.Kind.DEFAULT
                    && (options.niceness() == 0 || !dev.sluice.core.Niceness.supported())) {
                // A run at the searches' own priority would take every core from them: leave them half.
                // A lowered run takes only what searches leave, so it may use every core.
                options = options.withEmbedThreads(IngestOptions.threadsBesideQueries());
            }
            IngestReport report = kb.sync(options, ProgressListener.NONE);
            try {
                afterRun.accept(report); // searchers see the run before anyone is told it is done
            } catch (RuntimeException e) {
                LOG.warn("ingest job {} committed, but refreshing searches failed: {}", id, e.getMessage());
            }
            update(id, State.DONE, report, null);
        } catch (RuntimeException e) {
            LOG.warn("ingest job {} failed: {}", id, e.getMessage());
            update(id, State.FAILED, null, e.getMessage());
        }
    }

    private synchronized long waiting() {
        return jobs.values().stream().filter(j -> j.state() == State.QUEUED).count();
    }

    /** The job, or null when there is none (or it was forgotten). */
    synchronized Job job(long id) {
        return jobs.get(id);
    }

    /** The latest jobs, newest first. */
    synchronized List<Job> recent(int limit) {
        List<Job> all = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(all);
        return all.subList(0, Math.min(limit, all.size()));
    }

    /** Waits up to {@code millis} for the job to finish; returns it as it then stands. */
    Job await(long id, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (this) {
            Job job;
            while ((job = jobs.get(id)) != null && !job.finished()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                wait(left);
            }
            return job;
        }
    }

    private synchronized void update(long id, State state, IngestReport report, String error) {
        Job job = jobs.get(id);
        if (job != null) {
            jobs.put(id, job.with(state, report, error));
        }
        notifyAll();
    }

    private synchronized void put(Job job) {
        jobs.put(job.id(), job);
        if (jobs.size() > KEPT) {
            jobs.remove(jobs.keySet().iterator().next());
        }
    }

    /** Cancels the jobs still waiting and lets the running one finish and commit. */
    @Override
    public void close() {
        closing = true;
        runner.shutdown();
        try {
            if (!runner.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.warn("an ingest job was still running after 10 minutes; stopping without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
