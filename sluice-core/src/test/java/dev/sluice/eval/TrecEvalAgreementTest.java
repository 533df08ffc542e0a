package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sluice.testkit.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sluice's metrics against the real trec_eval 9.0.4 binary (shipped in the jtreceval test artifact,
 * as Anserini uses it) on the fixed run of {@link TrecEvalFixedRunTest} and on random graded runs
 * full of score ties, queries without relevant documents, queries the run lacks and run lines for
 * unjudged queries. trec_eval prints four decimals, so values agree within 5e-5. The random case
 * prints its seed; {@code -Dsluice.test.seed=N} replays it.
 */
class TrecEvalAgreementTest {
    private static final String BINARY = "trec_eval-linux-amd64";
    /** Sluice metric to trec_eval measure. */
    private static final Map<String, String> MEASURES = new LinkedHashMap<>();

    static {
        for (int k : new int[] {1, 5, 10}) {
            MEASURES.put("ndcg@" + k, "ndcg_cut_" + k);
            MEASURES.put("p@" + k, "P_" + k);
            MEASURES.put("recall@" + k, "recall_" + k);
            MEASURES.put("hit@" + k, "success_" + k);
        }
        MEASURES.put("mrr@1000", "recip_rank");
        MEASURES.put("map", "map");
    }

    @TempDir
    static Path dir;

    static Path trecEval;

    @BeforeAll
    static void extractTrecEval() throws IOException {
        assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT))
                .as("the bundled trec_eval binary runs on Linux x86-64 only")
                .contains("linux");
        assumeThat(System.getProperty("os.arch")).isIn("amd64", "x86_64");
        try (InputStream in = TrecEvalAgreementTest.class.getClassLoader().getResourceAsStream(BINARY)) {
            assertThat(in).as("jtreceval on the test class path").isNotNull();
            trecEval = dir.resolve("trec_eval");
            Files.copy(in, trecEval);
        }
        assertThat(trecEval.toFile().setExecutable(true)).isTrue();
    }

    /** A judged or retrieved document line. */
    private record Line(String query, String doc, double score) {}

    @Test
    void should_agree_with_trec_eval_on_the_fixed_graded_run() throws Exception {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        qrels.put("q1", Map.of("d1", 2, "d2", 1, "d3", 0, "d4", 1, "d5", 3));
        qrels.put("q2", Map.of("d6", 1, "d7", 2));
        qrels.put("q3", Map.of("d8", 0, "d9", 0));
        qrels.put("q4", Map.of("d10", 1));
        List<Line> run = List.of(
                new Line("q1", "d1", 2.0),
                new Line("q1", "d3", 1.5),
                new Line("q1", "d5", 1.5),
                new Line("q1", "d9", 1.0),
                new Line("q1", "d2", 0.5),
                new Line("q1", "d4", 0.2),
                new Line("q2", "d10", 3.0),
                new Line("q2", "d100", 2.0),
                new Line("q2", "d7", 2.0),
                new Line("q2", "d6", 1.0),
                new Line("q3", "d8", 1.0),
                new Line("q3", "d9", 0.9));
        agree(qrels, run);
    }

    @Test
    void should_agree_with_trec_eval_on_random_graded_runs_with_ties() throws Exception {
        long seed = Seeds.seed("TrecEvalAgreementTest");
        Random random = new Random(seed);
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<Line> run = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            String query = "q" + q;
            int judged = 1 + random.nextInt(12);
            Map<String, Integer> grades = new HashMap<>();
            for (int j = 0; j < judged; j++) {
                grades.put("d" + random.nextInt(60), random.nextInt(5) - 1); // -1..3; some queries get none > 0
            }
            if (grades.values().stream().allMatch(g -> g < 0)) {
                // trec_eval cannot compute map for a query judged only below 0 ("Can't calculate measure
                // 'map'", seed 6578607365661439244); keep such a query judged, at 0.
                grades.put("d" + random.nextInt(60), 0);
            }
            qrels.put(query, grades);
            if (q % 9 == 4) {
                continue; // judged but absent from the run: 0 under -c
            }
            Set<String> docs = new LinkedHashSet<>();
            int retrieved = random.nextInt(30);
            while (docs.size() < retrieved) {
                docs.add("d" + random.nextInt(60));
            }
            for (String doc : docs) {
                run.add(new Line(query, doc, random.nextInt(8) / 4.0)); // few distinct scores: many ties
            }
        }
        run.add(new Line("unjudged", "d1", 1.0)); // trec_eval ignores run lines of unjudged queries
        agree(qrels, run);
    }

    private static void agree(Map<String, Map<String, Integer>> qrels, List<Line> run) throws Exception {
        StringBuilder qrelsText = new StringBuilder();
        qrels.forEach((q, grades) -> grades.forEach((doc, grade) -> qrelsText
                .append(q)
                .append(" 0 ")
                .append(doc)
                .append(' ')
                .append(grade)
                .append('\n')));
        StringBuilder runText = new StringBuilder();
        Map<String, List<ScoredDoc>> byQuery = new LinkedHashMap<>();
        int rank = 0;
        for (Line line : run) {
            runText.append(String.format(
                    Locale.ROOT, "%s Q0 %s %d %.4f sluice%n", line.query(), line.doc(), ++rank, line.score()));
            byQuery.computeIfAbsent(line.query(), k -> new ArrayList<>()).add(new ScoredDoc(line.doc(), line.score()));
        }
        Path qrelsFile = Files.writeString(dir.resolve("qrels-" + qrels.hashCode()), qrelsText);
        Path runFile = Files.writeString(dir.resolve("run-" + run.hashCode()), runText);
        Map<String, Map<String, Double>> expected = trecEval(qrelsFile, runFile);

        Map<String, Ranking> rankings = new HashMap<>();
        byQuery.forEach((q, docs) -> rankings.put(q, Ranking.byScore(docs)));
        List<Metric> metrics = MEASURES.keySet().stream().map(Metric::parse).toList();
        Evaluation ours = MetricsCalculator.evaluate(Qrels.fromGrades(qrels), rankings, metrics);

        int compared = 0;
        for (Metric metric : metrics) {
            String measure = MEASURES.get(metric.name());
            for (Map.Entry<String, Double> e : expected.get(measure).entrySet()) {
                double value = e.getKey().equals("all")
                        ? ours.mean(metric)
                        : ours.perQuery().get(e.getKey()).get(metric);
                assertThat(value)
                        .as("%s (%s) of %s", metric.name(), measure, e.getKey())
                        .isCloseTo(e.getValue(), org.assertj.core.data.Offset.offset(5e-5));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(metrics.size());
    }

    /** trec_eval -q -c over every measure: measure to query (or "all") to value. */
    private static Map<String, Map<String, Double>> trecEval(Path qrels, Path run) throws Exception {
        List<String> command = new ArrayList<>(List.of(trecEval.toString(), "-q", "-c"));
        for (String m :
                List.of("ndcg_cut.1,5,10", "P.1,5,10", "recall.1,5,10", "success.1,5,10", "recip_rank", "map")) {
            command.add("-m");
            command.add(m);
        }
        command.add(qrels.toString());
        command.add(run.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, Map<String, Double>> values = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length == 3) {
                values.computeIfAbsent(cols[0], k -> new HashMap<>()).put(cols[1], Double.parseDouble(cols[2]));
            }
        }
        assertThat(values).containsKeys(MEASURES.values().toArray(String[]::new));
        return values;
    }
}
