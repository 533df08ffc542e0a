package dev.sluice.cli;

import dev.sluice.Evaluations;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.eval.EvalTuner;
import dev.sluice.eval.Metric;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        description = "Search retrieval settings (BM25 k1 and b, fusion rank constant, dense weight, depth) on a"
                + " train part of an eval set; report default against tuned on the held-back part only; print"
                + " the recommended retrieval section of sluice.yaml.")
final class EvalTuneCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--set",
            required = true,
            paramLabel = "PATH",
            description = "A BEIR folder or a Sluice .jsonl eval set; never the split you report results on.")
    Path set;

    @Option(names = "--split", paramLabel = "NAME", description = "BEIR qrels split (default: the only one).")
    String split;

    @Option(
            names = "--metric",
            paramLabel = "METRIC",
            defaultValue = "ndcg@10",
            description = "Metric to optimize (default ${DEFAULT-VALUE}).")
    String metric;

    @Option(
            names = "--held-out",
            paramLabel = "SHARE",
            defaultValue = "0.3",
            description = "Share of queries held back to measure the choice (default ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the split and the statistics (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads searching (default: cores).")
    Integer threads;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(
            names = "--reindex",
            description = "Also try chunk sizes and overlaps: re-import the BEIR corpus of --set once per setting"
                    + " into scratch indexes (slow; vectors of unchanged chunks come from the cache).")
    boolean reindex;

    @Option(
            names = "--chunk-sizes",
            split = ",",
            paramLabel = "TOKENS",
            defaultValue = "128,256,384",
            description = "With --reindex: chunk sizes to try (default ${DEFAULT-VALUE}; capped by the model).")
    List<Integer> chunkSizes;

    @Option(
            names = "--overlaps",
            split = ",",
            paramLabel = "TOKENS",
            defaultValue = "0,32",
            description = "With --reindex: overlaps to try (default ${DEFAULT-VALUE}).")
    List<Integer> overlaps;

    @Override
    public Integer call() {
        Metric target;
        try {
            target = Metric.parse(metric);
        } catch (SluiceException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metric: " + e.getMessage());
        }
        int n = EffectiveConfig.threads(threads, "--threads");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            if (reindex) {
                Evaluations.ChunkTuning t = kb.eval()
                        .tuneChunking(set, split, target, heldOut, seed, n, chunkSizes, overlaps, line -> {
                            err.println(line);
                            err.flush();
                        });
                EvalReports.printChunkTune(
                        t.tried(),
                        t.currentMax(),
                        t.currentOverlap(),
                        t.bestMax(),
                        t.bestOverlap(),
                        t.chunking(),
                        target.name(),
                        out);
                EvalReports.printTune(t.retrieval(), out);
                return SluiceCli.EXIT_OK;
            }
            EvalTuner.Result result = kb.eval().tune(set, split, target, heldOut, seed, n);
            if (json) {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("metric", result.metric().name());
                map.put("seed", result.seed());
                map.put("trainQueries", result.trainQueries());
                map.put("heldOutQueries", result.heldOutQueries());
                map.put("candidates", result.candidates());
                map.put("millis", result.millis());
                map.put("tuned", result.tuned());
                map.put("heldOutBm25", result.bm25());
                map.put("heldOutHybrid", result.hybrid());
                out.println(Json.write(map));
            } else {
                EvalReports.printTune(result, out);
            }
        }
        return SluiceCli.EXIT_OK;
    }
}
