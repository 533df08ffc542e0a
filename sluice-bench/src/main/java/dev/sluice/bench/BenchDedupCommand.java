package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import dev.sluice.quality.MinHasher;
import dev.sluice.quality.NearDuplicateIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "dedup",
        mixinStandardHelpOptions = true,
        description = {
            "Near-duplicate detection at scale: MinHash signature throughput beside SHA-256 of the same texts,"
                    + " an in-memory index of N chunk-size texts (build time, heap after GC), find() latency.",
            "Texts: a BEIR corpus (SciFact train under ../shared/data by default), cut into chunks, then",
            "sentences drawn from it when N exceeds it. At a million chunks, run with JAVA_OPTS=-Xmx2g."
        })
final class BenchDedupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Option(
            names = "--chunks",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Chunks to index (default ${DEFAULT-VALUE}).")
    int chunks;

    @Option(
            names = "--threshold",
            paramLabel = "T",
            defaultValue = "0.8",
            description = "Estimated Jaccard similarity that counts as a near-duplicate, 0.5 to 1.0 (default"
                    + " ${DEFAULT-VALUE}).")
    double threshold;

    @Option(
            names = "--queries",
            paramLabel = "N",
            defaultValue = "10000",
            description = "find() calls, half near-duplicates of indexed chunks, half new (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "20000",
            description = "Chunks hashed to compare MinHash with SHA-256 (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(
            names = "--corpus",
            paramLabel = "FILE",
            description = "BEIR corpus.jsonl(.gz) (default ../shared/data/scifact-train/corpus.jsonl.gz).")
    Path corpus;

    @Override
    public Integer call() {
        if (chunks < 1 || queries < 2 || sample < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    String.format(
                            Locale.ROOT,
                            "--chunks and --sample must be at least 1 and --queries at least 2, got %d, %d and %d",
                            chunks,
                            sample,
                            queries));
        }
        try {
            new NearDuplicateIndex(threshold, MinHasher.DEFAULT_HASHES);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--threshold: " + e.getMessage().replace("threshold must", "it must"));
        }
        Path file = corpus != null ? corpus : BeirCorpus.defaultScifact().resolve("corpus.jsonl.gz");
        if (!Files.isRegularFile(file)) {
            spec.commandLine()
                    .getErr()
                    .println("error: no BEIR corpus at " + file + "; pass --corpus FILE (a corpus.jsonl or .jsonl.gz)");
            return SluiceCli.EXIT_FAILED;
        }
        DedupBenchmark.run(
                new DedupBenchmark.Options(
                        DedupChunks.fromCorpus(file, 16), file.toString(), chunks, threshold, queries, sample),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "dedup");
        return SluiceCli.EXIT_OK;
    }
}
