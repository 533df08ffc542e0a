package dev.sluice.bench;

import dev.sluice.Ingester;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A sync running beside the load of {@code sluice bench serve}, in the same process: each round
 * rewrites {@code filesPerRound} files of a churn folder with fresh generated text, adds a marker
 * word to a marker file, and runs the {@link Ingester} (over the corpus and the churn folder)
 * against the index the service reads. A checker asks the service every {@value #CHECK_MILLIS} ms
 * whether the newest committed marker is searchable: whether, and how soon, searches see the
 * sync's commits.
 */
final class SyncChurn {
    private static final long CHECK_MILLIS = 200;

    /**
     * @param rounds sync runs that finished
     * @param documentsIngested documents the runs (re)ingested
     * @param embeddingsComputed chunks the runs embedded
     * @param roundMillis wall time of each run (rewriting the files not included)
     * @param lagMillis for each round whose commit a search through the service found: from its
     *     commit to the check that found it
     * @param failures messages of runs that failed
     * @param seconds from the start of the first round to the end of the last
     */
    record Summary(
            int rounds,
            int documentsIngested,
            int embeddingsComputed,
            double[] roundMillis,
            double[] lagMillis,
            List<String> failures,
            double seconds) {
        int roundsSeen() {
            return lagMillis.length;
        }

        /** The sync's throughput: chunks embedded a second of its wall time, listing and commits included. */
        double chunksPerSecond() {
            return seconds > 0 ? embeddingsComputed / seconds : Double.NaN;
        }
    }

    private final Ingester ingester;
    private final Path churn;
    private final int filesPerRound;
    private final Predicate<String> searchable;
    private final String nonce;
    private final long graceMillis;
    private final long textSeed;
    private final StringBuilder markers = new StringBuilder();
    private final Map<Integer, Long> commitNanos = new ConcurrentHashMap<>();
    private final AtomicInteger committed = new AtomicInteger();
    private final List<Double> roundMillis = new ArrayList<>();
    private final List<Double> lagMillis = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int round;
    private int documentsIngested;
    private int embeddingsComputed;
    private AtomicBoolean stop;
    private long startNanos;
    private Thread syncer;
    private Thread checker;

    /**
     * @param searchable whether a search through the service finds a word
     * @param nonce makes this run's marker words and texts unique, so an earlier run's markers cannot
     *     match and its vectors cannot come from the embedding cache
     * @param graceMillis after the last round, how long the checker waits for its commit to become
     *     searchable
     */
    SyncChurn(
            Ingester ingester,
            Path churn,
            int filesPerRound,
            Predicate<String> searchable,
            String nonce,
            long graceMillis) {
        this.ingester = ingester;
        this.churn = churn;
        this.filesPerRound = filesPerRound;
        this.searchable = searchable;
        this.nonce = nonce;
        this.graceMillis = graceMillis;
        this.textSeed = nonce.hashCode() * 1_000_003L;
    }

    /** Empties the churn folder (an earlier run's files) and creates it. */
    static void reset(Path churn) {
        try {
            dev.sluice.core.FileTrees.deleteRecursively(churn);
            Files.createDirectories(churn);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the churn folder " + churn, e);
        }
    }

    /** Starts the rounds and the checker; counts start again from zero. */
    synchronized void start() {
        roundMillis.clear();
        lagMillis.clear();
        failures.clear();
        documentsIngested = 0;
        embeddingsComputed = 0;
        int firstRound = round;
        committed.set(round);
        stop = new AtomicBoolean();
        AtomicBoolean stopRounds = stop;
        startNanos = System.nanoTime();
        syncer = Thread.ofPlatform().name("sluice-bench-sync").start(() -> {
            while (!stopRounds.get()) {
                oneRound();
            }
        });
        checker = Thread.ofPlatform().name("sluice-bench-sync-check").start(() -> check(stopRounds, firstRound));
    }

    /** Stops after the round in progress, gives its commit a moment to become searchable, and sums up. */
    Summary stop() throws InterruptedException {
        stop.set(true);
        syncer.join();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        checker.join();
        synchronized (this) {
            return new Summary(
                    roundMillis.size(),
                    documentsIngested,
                    embeddingsComputed,
                    roundMillis.stream().mapToDouble(Double::doubleValue).toArray(),
                    lagMillis.stream().mapToDouble(Double::doubleValue).toArray(),
                    List.copyOf(failures),
                    seconds);
        }
    }

    private String marker(int r) {
        return "zqxsync" + nonce + "r" + r;
    }

    private void oneRound() {
        int r;
        synchronized (this) {
            r = ++round;
        }
        try {
            for (int f = 0; f < filesPerRound; f++) {
                Files.writeString(
                        churn.resolve(String.format(Locale.ROOT, "churn-%03d.md", f)),
                        GeneratedText.document(new Random(textSeed + r * 100_003L + f)),
                        StandardCharsets.UTF_8);
            }
            markers.append(marker(r)).append(r % 10 == 0 ? "\n\n" : " ");
            Files.writeString(churn.resolve("markers.md"), "# Sync markers\n\n" + markers, StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            IngestReport report = ingester.run(ProgressListener.NONE);
            long done = System.nanoTime();
            commitNanos.put(r, done);
            committed.set(r);
            synchronized (this) {
                roundMillis.add((done - t0) / 1e6);
                documentsIngested += report.ingested();
                embeddingsComputed += report.embeddingsComputed();
            }
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                failures.add("round " + r + ": " + e.getMessage());
            }
            try {
                Thread.sleep(1_000); // a failing sync must not spin
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                stop.set(true);
            }
        }
    }

    /** Polls the service for the newest committed marker; a hit shows every earlier commit too. */
    private void check(AtomicBoolean stopRounds, int firstRound) {
        long graceEnd = Long.MAX_VALUE;
        int lastSeen = firstRound;
        while (true) {
            if (stopRounds.get() && graceEnd == Long.MAX_VALUE && !syncer.isAlive()) {
                graceEnd = System.nanoTime() + graceMillis * 1_000_000;
            }
            int newest = committed.get();
            if (newest > lastSeen && searchable.test(marker(newest))) {
                long now = System.nanoTime();
                synchronized (this) {
                    for (int r = lastSeen + 1; r <= newest; r++) {
                        Long at = commitNanos.get(r);
                        if (at != null) {
                            lagMillis.add((now - at) / 1e6);
                        }
                    }
                }
                lastSeen = newest;
            }
            if (System.nanoTime() - graceEnd >= 0 || (graceEnd != Long.MAX_VALUE && lastSeen >= committed.get())) {
                return;
            }
            try {
                Thread.sleep(CHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
