package dev.sluice.bench;

import dev.sluice.cli.SluiceCli;
import dev.sluice.core.UsageException;
import dev.sluice.embed.EmbeddingModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Whole-pipeline chunks/s beside the raw embedding model and LangChain4j's in-process model on the same chunks.",
            "Corpus: the BEIR SciFact collection under ../shared/data when present, else generated text."
        })
final class BenchIngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchJsonOption jsonOutput;

    @Mixin
    CorpusOptions corpus;

    @Option(
            names = "--sample",
            paramLabel = "N",
            defaultValue = "600",
            description = "Chunks for the baselines (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(
            names = "--model",
            paramLabel = "ID",
            defaultValue = "bge-small-en-v1.5-q",
            description = "Embedding model: bge-small-en-v1.5-q (default), all-minilm-l6-v2-q, or"
                    + " bge-small-en-v1.5 (full precision, 78 MB: in the bench build only).")
    String model;

    @Option(
            names = "--compare-model",
            paramLabel = "ID",
            description = "Also measure this model's raw rate on the same chunks, in turn with --model, and how"
                    + " close its vectors come (e.g. bge-small-en-v1.5, full precision, in the bench build only).")
    String compareModel;

    @Option(names = "--threads", paramLabel = "N", description = "Embedding threads (default: one per core).")
    Integer threads;

    @Option(
            names = "--keep-index",
            paramLabel = "DIR",
            description = "Leave the built index here (bench query can reuse it).")
    Path keepIndex;

    @Override
    public Integer call() throws IOException {
        IngestBenchmark.run(
                new IngestBenchmark.Options(
                        corpus.docs == null ? corpus.corpusFile() : null,
                        corpus.docs,
                        corpus.generatedDocuments(2000),
                        corpus.limit,
                        sample,
                        model(model, "--model"),
                        dev.sluice.config.EffectiveConfig.threads(threads, "--threads"),
                        keepIndex,
                        compareModel == null ? null : model(compareModel, "--compare-model")),
                jsonOutput.out(spec),
                jsonOutput.report());
        jsonOutput.finish(spec, "ingest");
        return SluiceCli.EXIT_OK;
    }

    private static EmbeddingModelSpec model(String id, String flag) {
        EmbeddingModelSpec spec;
        try {
            spec = EmbeddingModelSpec.byId(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
        if (!spec.isOnClassPath()) {
            throw new UsageException(flag + ": " + spec.notOnClassPathMessage());
        }
        return spec;
    }
}
