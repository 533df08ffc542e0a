package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.SluiceException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A seeded BEIR subset for {@code bench transforms-effect}: {@code queries} judged queries drawn at random
 * (in a seeded shuffle), every document their judgments name, and {@code others} further documents drawn
 * at random from the rest of the corpus (all of it when {@code others} is at least its size). Written as
 * a BEIR folder (corpus.jsonl, queries.jsonl, qrels/train.tsv) so that import and evaluation read it as
 * they read the whole collection. Same inputs and seed, same bytes.
 */
final class EffectSlice {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was written. */
    record Written(Path folder, int queries, int documents, int judgedDocuments, int corpusDocuments) {}

    private EffectSlice() {}

    static Written write(Path beir, int queries, int others, long seed, Path target) throws IOException {
        Path corpusFile = Files.isRegularFile(beir.resolve("corpus.jsonl.gz"))
                ? beir.resolve("corpus.jsonl.gz")
                : beir.resolve("corpus.jsonl");
        Path qrelsFile = beir.resolve("qrels").resolve("train.tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new SluiceException(
                    "no qrels at " + qrelsFile + "; --beir must name a BEIR folder with a train split");
        }
        Map<String, Set<String>> qrels = BeirCorpus.readQrels(qrelsFile);
        List<BeirCorpus.Query> judged =
                new ArrayList<>(BeirCorpus.readQueries(beir.resolve("queries.jsonl"), Integer.MAX_VALUE).stream()
                        .filter(q -> qrels.containsKey(q.id()))
                        .toList());
        Random random = new Random(seed);
        Collections.shuffle(judged, random);
        List<BeirCorpus.Query> chosen = judged.subList(0, Math.min(queries, judged.size()));
        Set<String> relevant = new TreeSet<>();
        chosen.forEach(q -> relevant.addAll(qrels.get(q.id())));
        List<BeirCorpus.Doc> corpus = BeirCorpus.readCorpus(corpusFile, Integer.MAX_VALUE);
        List<BeirCorpus.Doc> rest = new ArrayList<>(
                corpus.stream().filter(d -> !relevant.contains(d.id())).toList());
        Collections.shuffle(rest, random);
        Set<String> keep = new HashSet<>(relevant);
        rest.subList(0, Math.min(others, rest.size())).forEach(d -> keep.add(d.id()));
        Files.createDirectories(target.resolve("qrels"));
        int judgedPresent = 0;
        int written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(target.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
            for (BeirCorpus.Doc d : corpus) { // corpus order, so the import order does not depend on the draw
                if (keep.contains(d.id())) {
                    out.write(JSON.createObjectNode()
                                    .put("_id", d.id())
                                    .put("title", d.title())
                                    .put("text", d.text())
                                    .toString()
                            + "\n");
                    written++;
                    judgedPresent += relevant.contains(d.id()) ? 1 : 0;
                }
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(target.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
            for (BeirCorpus.Query q : chosen) {
                out.write(JSON.createObjectNode()
                                .put("_id", q.id())
                                .put("text", q.text())
                                .toString() + "\n");
            }
        }
        try (BufferedWriter out =
                Files.newBufferedWriter(target.resolve("qrels").resolve("train.tsv"), StandardCharsets.UTF_8)) {
            out.write("query-id\tcorpus-id\tscore\n");
            for (BeirCorpus.Query q : chosen) {
                for (String doc : new TreeSet<>(qrels.get(q.id()))) {
                    out.write(q.id() + "\t" + doc + "\t1\n");
                }
            }
        }
        if (judgedPresent < relevant.size()) {
            throw new SluiceException(qrelsFile + " judges " + (relevant.size() - judgedPresent) + " documents that "
                    + corpusFile + " lacks; is it the corpus of these qrels?");
        }
        return new Written(target, chosen.size(), written, relevant.size(), corpus.size());
    }
}
