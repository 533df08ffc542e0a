package dev.sluice.bench;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.Asker;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.core.SluiceException;
import dev.sluice.diagnose.Diagnosis;
import dev.sluice.diagnose.DiagnosisRequest;
import dev.sluice.diagnose.Layer;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A seeded-fault benchmark of {@link KnowledgeBase#diagnose}: SciFact train claims, each with the abstract
 * it cites as the expected document. For each scenario a small knowledge base is built (the abstract and
 * {@code others} abstracts drawn with the seed, one Markdown file each), then copied once per layer, and
 * exactly one fault is injected into each copy before asking the diagnosis which layer failed.
 *
 * <p>A drawn claim is used only when its base holds no fault of its own that the injected ones would sit
 * on: the abstract is within hybrid's top k for the claim (a natural retrieval miss would make every later
 * layer's scenario a retrieval one), and it has a sentence with a number (for the contradiction). Claims
 * left out are counted and printed. Whether the base then passes the diagnosis is not checked: that is
 * what the control ({@code none}) scenarios measure.
 *
 * <p>The base is built at {@code work/kb} and moved aside; each layer's copy is put back at {@code work/kb}
 * (file times kept), so the catalog's file URIs hold in every copy.
 */
final class DiagnoseBenchmark {
    /** The layers with a fault each, in the order a scenario's copies are made. */
    static final List<Layer> LAYERS = List.of(
            Layer.DATA, Layer.STALENESS, Layer.RETRIEVAL, Layer.CONTEXT, Layer.CONTRADICTION, Layer.MODEL, Layer.NONE);

    private static final int K = Asker.Options.DEFAULTS.k();
    private static final String BASE_YAML = "index: index\nsources:\n  - name: docs\n    path: docs\n";

    /**
     * @param beir the BEIR folder (corpus.jsonl[.gz], queries.jsonl, qrels/train.tsv)
     * @param scenariosPerLayer scenarios (drawn claims that qualify) per layer
     * @param seed draws the claims, the other abstracts and the distractors
     * @param others abstracts besides the expected one in each knowledge base
     */
    record Options(Path beir, int scenariosPerLayer, long seed, int others) {}

    /** What the base knowledge base tells the context fault: the expected abstract's best rank and chunks. */
    private record Base(int bestRank, SearchHit first, List<SearchHit> targetChunks) {}

    /** One scenario's outcome. */
    record Outcome(
            int scenario, DiagnoseClaims.Claim claim, Layer expected, String fault, Diagnosis diagnosis, String error) {
        boolean right() {
            return diagnosis != null && diagnosis.layer() == expected;
        }
    }

    private DiagnoseBenchmark() {}

    static ConfusionMatrix run(Options options, PrintWriter out) throws IOException {
        return run(options, out, new BenchReport());
    }

    /**
     * As {@link #run(Options, PrintWriter)}, recording the accuracy per layer and overall in {@code report},
     * with the confusion matrix ({@code results.confusionMatrix}) and the outcomes by fault.
     */
    static ConfusionMatrix run(Options options, PrintWriter out, BenchReport report) throws IOException {
        long t0 = System.nanoTime();
        Path corpusFile = Files.isRegularFile(options.beir().resolve("corpus.jsonl.gz"))
                ? options.beir().resolve("corpus.jsonl.gz")
                : options.beir().resolve("corpus.jsonl");
        List<BeirCorpus.Doc> corpus = BeirCorpus.readCorpus(corpusFile, Integer.MAX_VALUE);
        Map<String, BeirCorpus.Doc> byId = new LinkedHashMap<>();
        corpus.forEach(d -> byId.put(d.id(), d));
        List<DiagnoseClaims.Claim> claims = DiagnoseClaims.claims(options.beir(), byId, options.seed());
        out.println("bench diagnose: " + options.scenariosPerLayer() + " scenarios per layer, seed " + options.seed()
                + ", " + (options.others() + 1) + " abstracts per knowledge base, " + claims.size()
                + " eligible SciFact train claims; machine: " + Stats.machine());
        out.flush();

        Random random = new Random(options.seed());
        ConfusionMatrix matrix = new ConfusionMatrix();
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, int[]> byFault = new TreeMap<>();
        int skipped = 0;
        Path work = Files.createTempDirectory("sluice-bench-diagnose");
        try (ScriptedOpenAiServer server = new ScriptedOpenAiServer()) {
            int scenario = 0;
            for (DiagnoseClaims.Claim claim : claims) {
                if (scenario == options.scenariosPerLayer()) {
                    break;
                }
                List<BeirCorpus.Doc> others = sample(corpus, claim.target(), options.others(), random);
                long s0 = System.nanoTime();
                Base base = buildBase(work, claim, others);
                if (base == null) {
                    skipped++;
                    out.println("  skip claim " + claim.queryId() + ": abstract "
                            + claim.target().id() + " is not in hybrid's top " + K + " of its own base");
                    continue;
                }
                for (Layer layer : LAYERS) {
                    Outcome o = scenario(work, server, scenario, claim, others, base, layer, random);
                    outcomes.add(o);
                    byFault.computeIfAbsent(o.fault(), f -> new int[2])[o.right() ? 0 : 1]++;
                    if (o.diagnosis() != null) {
                        matrix.add(layer, o.diagnosis().layer(), o.diagnosis().cause());
                    } else {
                        matrix.addError(layer);
                    }
                    if (!o.right()) {
                        out.println("  miss " + describe(o));
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "  scenario %d: claim %s, abstract %s, %.1f s%n",
                        scenario,
                        claim.queryId(),
                        claim.target().id(),
                        (System.nanoTime() - s0) / 1e9);
                out.flush();
                scenario++;
            }
            if (scenario < options.scenariosPerLayer()) {
                out.println("only " + scenario + " claims qualified; every eligible claim was drawn");
            }
        } finally {
            deleteTree(work);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.println();
        matrix.print(out);
        out.println();
        out.println("| fault | right | wrong |");
        out.println("|---|---:|---:|");
        byFault.forEach((f, n) -> out.println("| " + f + " | " + n[0] + " | " + n[1] + " |"));
        out.printf(
                Locale.ROOT,
                "%nclaims left out (expected abstract not in its base's top %d): %d; scenarios: %d; time %.0f s%n",
                K,
                skipped,
                outcomes.size(),
                seconds);
        out.flush();
        report.figure("overallAccuracy", "share", matrix.overall());
        for (Layer layer : Layer.values()) {
            if (matrix.total(layer) > 0) {
                report.figure(layer.label() + "Accuracy", "share", matrix.accuracy(layer));
            }
        }
        Map<String, Object> faults = new TreeMap<>();
        byFault.forEach((f, n) -> faults.put(f, Map.of("right", n[0], "wrong", n[1])));
        report.figure("scenarios", "count", outcomes.size())
                .figure("claimsLeftOut", "count", skipped)
                .figure("wallSeconds", "s", seconds)
                .result("confusionMatrix", matrix.toMap())
                .result("byFault", faults);
        return matrix;
    }

    private static String describe(Outcome o) {
        String got = o.diagnosis() == null
                ? "error " + o.error()
                : o.diagnosis().layer().label() + "/" + o.diagnosis().cause() + ": "
                        + o.diagnosis().summary();
        if (got.length() > 300) {
            got = got.substring(0, 300) + "...";
        }
        return "scenario " + o.scenario() + " (claim " + o.claim().queryId() + ", abstract "
                + o.claim().target().id() + "), " + o.expected().label() + " fault " + o.fault() + " -> " + got;
    }

    private static List<BeirCorpus.Doc> sample(
            List<BeirCorpus.Doc> corpus, BeirCorpus.Doc target, int n, Random random) {
        Set<String> ids = new HashSet<>();
        List<BeirCorpus.Doc> out = new ArrayList<>();
        while (out.size() < n) {
            BeirCorpus.Doc d = corpus.get(random.nextInt(corpus.size()));
            if (!d.id().equals(target.id()) && ids.add(d.id())) {
                out.add(d);
            }
        }
        return out;
    }

    // ---- the base and its copies -----------------------------------------------------------------

    private static String file(BeirCorpus.Doc d) {
        return "d" + d.id() + ".md";
    }

    private static String markdown(BeirCorpus.Doc d) {
        return "# " + d.title() + "\n\n" + d.text() + "\n";
    }

    /** Builds the base at work/kb and moves it to work/base; null when the claim does not qualify. */
    private static Base buildBase(Path work, DiagnoseClaims.Claim claim, List<BeirCorpus.Doc> others)
            throws IOException {
        Path kbDir = work.resolve("kb");
        deleteTree(kbDir);
        deleteTree(work.resolve("base"));
        Path docs = Files.createDirectories(kbDir.resolve("docs"));
        Files.writeString(docs.resolve(file(claim.target())), markdown(claim.target()), StandardCharsets.UTF_8);
        for (BeirCorpus.Doc d : others) {
            Files.writeString(docs.resolve(file(d)), markdown(d), StandardCharsets.UTF_8);
        }
        Files.writeString(kbDir.resolve("sluice.yaml"), BASE_YAML, StandardCharsets.UTF_8);
        Base base;
        try (KnowledgeBase kb = open(kbDir)) {
            sync(kb);
            List<SearchHit> hits =
                    kb.search(new SearchRequest(claim.question(), SearchMode.HYBRID, K, SearchFilters.NONE));
            String targetFile = file(claim.target());
            int best = hits.stream()
                    .filter(h -> h.path().equals(targetFile))
                    .mapToInt(SearchHit::rank)
                    .min()
                    .orElse(-1);
            if (best < 0) {
                return null;
            }
            List<SearchHit> chunks = kb
                    .search(new SearchRequest(
                            claim.question(),
                            SearchMode.DENSE,
                            50,
                            new SearchFilters(List.of("docs"), targetFile, List.of())))
                    .stream()
                    .sorted(Comparator.comparingInt(SearchHit::ordinal))
                    .toList();
            base = new Base(best, hits.getFirst(), chunks);
        }
        Files.move(kbDir, work.resolve("base"));
        return base;
    }

    private static Outcome scenario(
            Path work,
            ScriptedOpenAiServer server,
            int scenario,
            DiagnoseClaims.Claim claim,
            List<BeirCorpus.Doc> others,
            Base base,
            Layer layer,
            Random random) {
        Path kbDir = work.resolve("kb");
        String target = file(claim.target());
        Path docs = kbDir.resolve("docs");
        String fault = "?";
        try {
            deleteTree(kbDir);
            copyTree(work.resolve("base"), kbDir);
            String yaml = BASE_YAML;
            String expect = target;
            String expectText = null;
            Asker.Options asking = Asker.Options.DEFAULTS;
            boolean syncFirst = false;
            switch (layer) {
                case DATA -> {
                    switch (scenario % 3) {
                        case 0 -> {
                            fault = "data: file deleted after the sync";
                            Files.delete(docs.resolve(target));
                        }
                        case 1 -> {
                            fault = "data: excluded by a glob, then synced";
                            yaml = BASE_YAML + "    exclude: [\"" + target + "\"]\n";
                            syncFirst = true;
                        }
                        default -> {
                            fault = "data: replaced by a corrupt PDF, then synced";
                            Files.delete(docs.resolve(target));
                            expect = "d" + claim.target().id() + ".pdf";
                            Files.write(
                                    docs.resolve(expect),
                                    ("%PDF-1.7\n" + claim.target().text()).getBytes(StandardCharsets.UTF_8));
                            syncFirst = true;
                        }
                    }
                }
                case STALENESS -> {
                    if (scenario % 2 == 0) {
                        fault = "staleness: abstract edited after the sync";
                        Path f = docs.resolve(target);
                        Files.writeString(
                                f,
                                markdown(claim.target()) + "\nCorrection: "
                                        + DiagnoseClaims.changeNumber(claim.numericSentence()) + "\n",
                                StandardCharsets.UTF_8);
                        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
                    } else {
                        fault = "staleness: chunking.maxTokens changed, no sync";
                        yaml = BASE_YAML + "chunking:\n  maxTokens: 128\n";
                    }
                }
                case RETRIEVAL -> {
                    int n = scenario % 2 == 0 ? 10 : 3;
                    if (n == 10) {
                        fault = "retrieval: buried under 10 near-duplicates of the claim";
                    } else {
                        fault = "retrieval: 3 near-duplicates of the claim, k 2";
                        asking = new Asker.Options(
                                2, Asker.Options.DEFAULTS.maxContextTokens(), null, SearchFilters.NONE);
                    }
                    for (int j = 0; j < n; j++) {
                        BeirCorpus.Doc filler = others.get(random.nextInt(others.size()));
                        String first =
                                DiagnoseClaims.SENTENCE_END.split(filler.text().strip())[0];
                        Files.writeString(
                                docs.resolve("near-" + j + ".md"),
                                "# " + claim.question() + "\n\n" + claim.question() + " Note " + (j + 1) + ": "
                                        + claim.question() + " " + first + "\n",
                                StandardCharsets.UTF_8);
                    }
                    syncFirst = true;
                }
                case CONTEXT -> {
                    Asker.Options tiny = new Asker.Options(K, 1, null, SearchFilters.NONE);
                    String phrase = base.bestRank() > 1 ? null : phraseOutside(base);
                    if (base.bestRank() > 1) {
                        fault = "context: budget 1 token, abstract at rank " + "2+";
                        asking = tiny;
                    } else if (phrase != null) {
                        fault = "context: budget 1 token, abstract at rank 1, expected text in its other chunk";
                        asking = tiny;
                        expectText = phrase;
                    } else {
                        fault = "context: relevance floor 0.99 (one-chunk abstract at rank 1)";
                        asking = new Asker.Options(
                                K, Asker.Options.DEFAULTS.maxContextTokens(), 0.99, SearchFilters.NONE);
                    }
                }
                case CONTRADICTION -> {
                    fault = "contradiction: another document with the number changed";
                    Files.writeString(
                            docs.resolve("erratum.md"),
                            "# " + claim.target().title() + "\n\n"
                                    + DiagnoseClaims.changeNumber(claim.numericSentence()) + "\n",
                            StandardCharsets.UTF_8);
                    syncFirst = true;
                }
                case MODEL -> {
                    String reply;
                    switch (scenario % 3) {
                        case 0 -> {
                            fault = "model: unsupported claim";
                            reply =
                                    "The passages show this is decided by frozen oceans beneath the dark side of the moon [1].";
                        }
                        case 1 -> {
                            fault = "model: NOT_IN_CONTEXT";
                            reply = "NOT_IN_CONTEXT";
                        }
                        default -> {
                            fault = "model: cites a passage that does not exist";
                            reply = "The study reports exactly what the claim says [9].";
                        }
                    }
                    server.fallback(ScriptedOpenAiServer.ok(reply, 300, 20));
                    yaml = BASE_YAML + "llm:\n  baseUrl: " + server.baseUrl()
                            + "\n  model: gpt-4o-mini\n  retries: 0\n";
                }
                case NONE -> fault = "none: no fault";
            }
            Files.writeString(kbDir.resolve("sluice.yaml"), yaml, StandardCharsets.UTF_8);
            try (KnowledgeBase kb = open(kbDir)) {
                if (syncFirst) {
                    sync(kb);
                }
                Diagnosis d = kb.diagnose(
                        new DiagnosisRequest(claim.question(), expect, expectText, null, null, asking, null));
                return new Outcome(scenario, claim, layer, fault, d, null);
            }
        } catch (IOException | RuntimeException e) {
            return new Outcome(
                    scenario, claim, layer, fault, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Six words of another chunk of the expected abstract that its first-ranked chunk does not hold, or null
     * when the abstract is one chunk.
     */
    private static String phraseOutside(Base base) {
        for (SearchHit chunk : base.targetChunks()) {
            if (chunk.chunkId().equals(base.first().chunkId())) {
                continue;
            }
            String[] w = chunk.text().strip().split("\\s+");
            for (int at = w.length / 2; at + 6 <= w.length; at++) {
                String phrase = String.join(" ", List.of(w).subList(at, at + 6));
                if (!base.first().text().contains(phrase) && chunk.text().contains(phrase)) {
                    return phrase;
                }
            }
        }
        return null;
    }

    private static KnowledgeBase open(Path kbDir) {
        return KnowledgeBase.openOrCreate(
                EffectiveConfig.resolve(ConfigLoader.load(kbDir.resolve("sluice.yaml")), Flags.NONE));
    }

    private static void sync(KnowledgeBase kb) {
        kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    // ---- folders ---------------------------------------------------------------------------------

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw new SluiceException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
