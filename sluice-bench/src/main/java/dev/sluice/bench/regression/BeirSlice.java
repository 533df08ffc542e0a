package dev.sluice.bench.regression;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.SluiceException;
import dev.sluice.eval.EvalQuery;
import dev.sluice.eval.EvalSet;
import dev.sluice.eval.EvalSetReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a small, deterministic BEIR folder cut from a larger one: the first {@code queries}
 * judged queries (in {@code queries.jsonl} order), their judgments, and a corpus of every document
 * those judgments name plus the first {@code otherDocuments} other documents in corpus order. The
 * same inputs always give the same bytes, so a slice's figures can be written down once and
 * checked on every build.
 */
public final class BeirSlice {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was written. */
    public record Written(Path folder, int queries, int documents, int judgedDocuments) {}

    private BeirSlice() {}

    /** Writes the slice of {@code source} (split {@code split}) into {@code target}, replacing what is there. */
    public static Written write(Path source, String split, RegressionFile.Slice slice, Path target) {
        EvalSet full = EvalSetReader.readBeir(source, split);
        List<EvalQuery> queries = full.queries()
                .subList(0, Math.min(slice.queries(), full.queries().size()));
        Set<String> judged = new HashSet<>();
        for (EvalQuery q : queries) {
            judged.addAll(full.qrels().judgments(q.id()).keySet());
        }
        try {
            Files.createDirectories(target.resolve("qrels"));
            try (BufferedWriter out =
                    Files.newBufferedWriter(target.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
                for (EvalQuery q : queries) {
                    ObjectNode line = JSON.createObjectNode().put("_id", q.id()).put("text", q.text());
                    out.write(JSON.writeValueAsString(line) + "\n");
                }
            }
            try (BufferedWriter out =
                    Files.newBufferedWriter(target.resolve("qrels").resolve(split + ".tsv"), StandardCharsets.UTF_8)) {
                out.write("query-id\tcorpus-id\tscore\n");
                for (EvalQuery q : queries) {
                    for (Map.Entry<String, Integer> j : full.qrels().judgments(q.id()).entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .toList()) {
                        out.write(q.id() + "\t" + j.getKey() + "\t" + j.getValue() + "\n");
                    }
                }
            }
            Files.deleteIfExists(target.resolve("corpus.jsonl.gz"));
            int[] counts = {0, 0};
            try (BufferedWriter out = Files.newBufferedWriter(target.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
                EvalSetReader.readBeirCorpus(source, doc -> {
                    boolean keep = judged.contains(doc.id()) || counts[1]++ < slice.otherDocuments();
                    if (keep) {
                        ObjectNode line = JSON.createObjectNode()
                                .put("_id", doc.id())
                                .put("title", doc.title())
                                .put("text", doc.text());
                        try {
                            out.write(JSON.writeValueAsString(line) + "\n");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        counts[0]++;
                    }
                });
            }
            return new Written(target, queries.size(), counts[0], judged.size());
        } catch (IOException | UncheckedIOException e) {
            throw new SluiceException(
                    "cannot write the slice of " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }
}
