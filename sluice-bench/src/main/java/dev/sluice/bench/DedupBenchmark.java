package dev.sluice.bench;

import dev.sluice.core.Hashing;
import dev.sluice.quality.DuplicateMatch;
import dev.sluice.quality.MinHasher;
import dev.sluice.quality.NearDuplicateIndex;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code sluice bench dedup}: what near-duplicate detection costs at scale. Signature throughput
 * beside SHA-256 of the same texts (the exact-duplicate key the pipeline computes anyway), alternating
 * rounds, the first a warm-up; then an index of N chunks built in memory (signature and add), the heap
 * used after a full collection before and after it, the index's own count of its arrays; then
 * find() latency for near-duplicates of indexed chunks and for chunks never added.
 */
final class DedupBenchmark {
    record Options(DedupChunks chunks, String corpusName, int count, double threshold, int queries, int sample) {}

    private static final int ROUNDS = 4;

    /** Where the hashing rounds leave a value, so that the JIT cannot drop the work as unused. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    private DedupBenchmark() {}

    static void run(Options options, PrintWriter out) {
        run(options, out, new BenchReport());
    }

    /** As {@link #run(Options, PrintWriter)}, recording each figure beside its baseline in {@code report}. */
    static void run(Options options, PrintWriter out, BenchReport report) {
        DedupChunks chunks = options.chunks();
        MinHasher hasher = new MinHasher();
        NearDuplicateIndex index = new NearDuplicateIndex(options.threshold(), hasher.hashes());
        out.printf(
                Locale.ROOT,
                "bench dedup; machine: %s; load average %.2f%n"
                        + "%,d chunks of %d words (about 300 tokens) from %s: %,d windows of its documents, the rest"
                        + " drawn from its %,d sentences; %s; threshold %.2f: %d bands x %d rows%n",
                Stats.machine(),
                ServeBenchmark.loadAverage(),
                options.count(),
                DedupChunks.CHUNK_WORDS,
                options.corpusName(),
                Math.min(options.count(), chunks.windows()),
                chunks.sentences(),
                hasher.scheme(),
                options.threshold(),
                index.bands(),
                index.rows());
        out.flush();
        throughput(chunks, hasher, Math.min(options.sample(), options.count()), out, report);

        long heapBefore = heapAfterGcBytes();
        Stats.resetPeakHeap();
        long addNanos = 0;
        long start = System.nanoTime();
        for (int i = 0; i < options.count(); i++) {
            int[] signature = hasher.signature(chunks.chunk(i));
            long t0 = System.nanoTime();
            index.add(i, signature);
            addNanos += System.nanoTime() - t0;
            if ((i + 1) % 250_000 == 0 && i + 1 < options.count()) {
                out.printf(Locale.ROOT, "  ... %,d chunks indexed, %.0f s%n", i + 1, (System.nanoTime() - start) / 1e9);
                out.flush();
            }
        }
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        long peakMib = Stats.peakHeapMib();
        long heapAfter = heapAfterGcBytes();
        out.println();
        out.printf(
                Locale.ROOT,
                "index build: %,d chunks in %.1f s (%,.0f chunks/s, signature and add); add() alone %.2f µs a"
                        + " chunk on average%n",
                index.size(),
                buildSeconds,
                index.size() / buildSeconds,
                addNanos / 1e3 / Math.max(1, options.count()));
        out.printf(
                Locale.ROOT,
                "heap used after a full GC: %,d MiB before the index, %,d MiB with it (%,d MiB for the index,"
                        + " %,.0f bytes a chunk); approximateBytes() %,d MiB; peak heap while building at most"
                        + " %,d MiB; max heap %,d MiB%n",
                heapBefore >> 20,
                heapAfter >> 20,
                (heapAfter - heapBefore) >> 20,
                (double) (heapAfter - heapBefore) / Math.max(1, options.count()),
                index.approximateBytes() >> 20,
                peakMib,
                Runtime.getRuntime().maxMemory() >> 20);
        out.flush();
        report.figure("indexBuildChunksPerSecond", "chunks/s", index.size() / buildSeconds)
                .figure("addMicrosPerChunk", "µs", addNanos / 1e3 / Math.max(1, options.count()))
                .figure(
                        "indexHeapBytesPerChunk",
                        "bytes",
                        (double) (heapAfter - heapBefore) / Math.max(1, options.count()))
                .figure("peakHeapMib", "MiB", peakMib);
        findLatency(chunks, hasher, index, options, out, report);
    }

    private static void throughput(
            DedupChunks chunks, MinHasher hasher, int sample, PrintWriter out, BenchReport report) {
        List<String> texts = new ArrayList<>(sample);
        long bytes = 0;
        for (int i = 0; i < sample; i++) {
            String text = chunks.chunk(i);
            texts.add(text);
            bytes += text.getBytes(StandardCharsets.UTF_8).length;
        }
        double[] shaSeconds = new double[ROUNDS - 1];
        double[] minHashSeconds = new double[ROUNDS - 1];
        long sum = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean shaFirst = round % 2 == 0;
            for (int pass = 0; pass < 2; pass++) {
                boolean sha = (pass == 0) == shaFirst;
                long t0 = System.nanoTime();
                for (String text : texts) {
                    sum += sha ? Hashing.sha256Hex(text).charAt(0) : hasher.signature(text)[0];
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (round > 0) {
                    (sha ? shaSeconds : minHashSeconds)[round - 1] = seconds;
                }
            }
        }
        sink = sum;
        double sha = Stats.percentile(shaSeconds, 50);
        double minHash = Stats.percentile(minHashSeconds, 50);
        out.println();
        out.printf(
                Locale.ROOT,
                "hashing the first %,d chunks (%.1f MB), one thread, median of %d rounds after a warm-up%n",
                sample,
                bytes / 1e6,
                ROUNDS - 1);
        out.println("| per chunk | chunks/s | MB/s | µs a chunk | against SHA-256 |");
        out.println("|---|---:|---:|---:|---:|");
        row(out, "SHA-256 hex (exact-duplicate key; baseline)", sample, bytes, sha, sha);
        row(out, "MinHash signature, " + hasher.hashes() + " hashes", sample, bytes, minHash, sha);
        out.flush();
        report.figure("minHashChunksPerSecond", "chunks/s", sample / minHash, "sha256ChunksPerSecond", sample / sha);
    }

    private static void row(PrintWriter out, String label, int n, long bytes, double seconds, double baseline) {
        out.printf(
                Locale.ROOT,
                "| %s | %,.0f | %.1f | %.1f | %.2fx the time |%n",
                label,
                n / seconds,
                bytes / 1e6 / seconds,
                seconds * 1e6 / n,
                seconds / baseline);
    }

    private static void findLatency(
            DedupChunks chunks,
            MinHasher hasher,
            NearDuplicateIndex index,
            Options options,
            PrintWriter out,
            BenchReport report) {
        SplittableRandom random = new SplittableRandom(7);
        int half = Math.max(1, options.queries() / 2);
        long[] sources = new long[half];
        List<int[]> present = new ArrayList<>(half);
        List<int[]> absent = new ArrayList<>(half);
        for (int q = 0; q < half; q++) {
            sources[q] = random.nextLong(options.count());
            present.add(hasher.signature(chunks.edited(sources[q], random)));
            absent.add(hasher.signature(chunks.chunk(options.count() + (long) q)));
        }
        for (int warm = 0; warm < Math.min(half, 2000); warm++) {
            index.find(present.get(warm));
            index.find(absent.get(warm));
        }
        double[] presentMicros = new double[half];
        double[] absentMicros = new double[half];
        int foundSource = 0;
        int foundOther = 0;
        int presentNone = 0;
        int absentFound = 0;
        for (int q = 0; q < half; q++) {
            long t0 = System.nanoTime();
            Optional<DuplicateMatch> hit = index.find(present.get(q));
            long t1 = System.nanoTime();
            Optional<DuplicateMatch> miss = index.find(absent.get(q));
            long t2 = System.nanoTime();
            presentMicros[q] = (t1 - t0) / 1e3;
            absentMicros[q] = (t2 - t1) / 1e3;
            if (hit.isEmpty()) {
                presentNone++;
            } else if (hit.get().id() == sources[q]) {
                foundSource++;
            } else {
                foundOther++;
            }
            if (miss.isPresent()) {
                absentFound++;
            }
        }
        out.println();
        out.printf(Locale.ROOT, "find() over %,d chunks, one thread, signatures made beforehand%n", index.size());
        out.println("| queries | n | p50 µs | p99 µs | mean µs | what find() returned |");
        out.println("|---|---:|---:|---:|---:|---|");
        out.printf(
                Locale.ROOT,
                "| near-duplicates of indexed chunks (header line, 2 words replaced) | %,d | %.1f | %.1f | %.1f |"
                        + " %,d their source, %,d another chunk, %,d nothing |%n",
                half,
                Stats.percentile(presentMicros, 50),
                Stats.percentile(presentMicros, 99),
                Stats.mean(presentMicros),
                foundSource,
                foundOther,
                presentNone);
        out.printf(
                Locale.ROOT,
                "| chunks never added | %,d | %.1f | %.1f | %.1f | %,d a match, %,d nothing |%n",
                half,
                Stats.percentile(absentMicros, 50),
                Stats.percentile(absentMicros, 99),
                Stats.mean(absentMicros),
                absentFound,
                half - absentFound);
        out.flush();
        report.figure("findNearDuplicateP50Micros", "µs", Stats.percentile(presentMicros, 50))
                .figure("findNearDuplicateP99Micros", "µs", Stats.percentile(presentMicros, 99))
                .figure("findAbsentP50Micros", "µs", Stats.percentile(absentMicros, 50))
                .figure("findAbsentP99Micros", "µs", Stats.percentile(absentMicros, 99))
                .result(
                        "nearDuplicatesFound",
                        java.util.Map.of(
                                "theirSource", foundSource, "anotherChunk", foundOther, "nothing", presentNone))
                .result("neverAddedMatched", absentFound);
    }

    private static long heapAfterGcBytes() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
