package dev.sluice.answer;

import dev.sluice.eval.AnswerMetrics;
import dev.sluice.eval.EvalQuery;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of {@code sluice eval answers}: exact match and token F1 over questions with a
 * reference; per judge measure, the mean over judged answers of each repeat, the spread of those
 * means across repeats, and the failed judge calls (counted, never dropped).
 */
public final class AnswersReport {
    private final int repeats;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<String, Integer> kinds = new TreeMap<>();
    private double em;
    private double f1;
    private int withReference;
    /** measure -> repeat -> values of the answers judged in that repeat. */
    private final Map<AnswerJudge.Measure, List<List<Double>>> judged = new EnumMap<>(AnswerJudge.Measure.class);

    private final Map<AnswerJudge.Measure, Integer> failed = new EnumMap<>(AnswerJudge.Measure.class);

    public AnswersReport(int repeats) {
        this.repeats = repeats;
        for (AnswerJudge.Measure m : AnswerJudge.Measure.values()) {
            List<List<Double>> perRepeat = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                perRepeat.add(new ArrayList<>());
            }
            judged.put(m, perRepeat);
            failed.put(m, 0);
        }
    }

    public void add(EvalQuery q, Answer answer, AnswerJudge judge) {
        String kind = answer.kind().name().toLowerCase(Locale.ROOT);
        kinds.merge(kind, 1, Integer::sum);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", q.id());
        row.put("kind", kind);
        row.put("answer", answer.text());
        boolean answered = answer.kind() != Answer.Kind.NOT_FOUND;
        if (q.referenceAnswer() != null && !q.referenceAnswer().isBlank()) {
            withReference++;
            double qEm = answered ? AnswerMetrics.exactMatch(answer.text(), q.referenceAnswer()) : 0;
            double qF1 = answered ? AnswerMetrics.tokenF1(answer.text(), q.referenceAnswer()) : 0;
            em += qEm;
            f1 += qF1;
            row.put("reference", q.referenceAnswer());
            row.put("exactMatch", qEm);
            row.put("tokenF1", qF1);
        }
        if (judge != null && answered) {
            List<Map<String, Object>> judgments = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                Map<String, Object> judgment = new LinkedHashMap<>();
                for (AnswerJudge.Score score : judge.judge(answer, q.referenceAnswer())) {
                    if (score.failed()) {
                        failed.merge(score.measure(), 1, Integer::sum);
                        judgment.put(key(score.measure()), "failed: " + score.failure());
                    } else if (score.value() != null) {
                        judged.get(score.measure()).get(r).add(score.value());
                        judgment.put(key(score.measure()), score.value());
                    }
                }
                judgments.add(judgment);
            }
            row.put("judgments", judgments);
        }
        rows.add(row);
    }

    private static String key(AnswerJudge.Measure m) {
        return switch (m) {
            case FAITHFULNESS -> "faithfulness";
            case RELEVANCE -> "answerRelevance";
            case CONTEXT_PRECISION -> "contextPrecision";
            case CONTEXT_RECALL -> "contextRecall";
        };
    }

    /** Mean of the per-repeat means, and their standard deviation across repeats. */
    private double[] meanAndSpread(AnswerJudge.Measure m) {
        List<Double> means = new ArrayList<>();
        for (List<Double> values : judged.get(m)) {
            if (!values.isEmpty()) {
                means.add(values.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElseThrow());
            }
        }
        if (means.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        double mean = means.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance =
                means.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, means.size() - 1);
        return new double[] {
            mean,
            means.size() > 1 ? Math.sqrt(variance) : 0,
            judged.get(m).getFirst().size()
        };
    }

    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%d question(s); answers by kind: %s%n", rows.size(), kinds);
        if (withReference > 0) {
            out.printf(
                    Locale.ROOT,
                    "against %d reference answer(s): exact match %.4f, token F1 %.4f"
                            + " (a not-found answer scores 0)%n",
                    withReference,
                    em / withReference,
                    f1 / withReference);
        }
        if (judged.get(AnswerJudge.Measure.FAITHFULNESS).stream().anyMatch(l -> !l.isEmpty())
                || failed.values().stream().anyMatch(n -> n > 0)) {
            out.println();
            out.printf(Locale.ROOT, "%-18s %8s %14s %8s %8s%n", "judged", "mean", "spread (sd)", "answers", "failed");
            for (AnswerJudge.Measure m : AnswerJudge.Measure.values()) {
                double[] ms = meanAndSpread(m);
                out.printf(
                        Locale.ROOT, "%-18s %8.4f %14.4f %8d %8d%n", key(m), ms[0], ms[1], (int) ms[2], failed.get(m));
            }
            out.printf(
                    Locale.ROOT,
                    "(spread: standard deviation of the mean over %d repeat(s) of the judging)%n",
                    repeats);
        }
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("questions", rows.size());
        json.put("kinds", kinds);
        json.put("withReference", withReference);
        json.put("exactMatch", withReference == 0 ? null : em / withReference);
        json.put("tokenF1", withReference == 0 ? null : f1 / withReference);
        Map<String, Object> judgedJson = new LinkedHashMap<>();
        for (AnswerJudge.Measure m : AnswerJudge.Measure.values()) {
            double[] ms = meanAndSpread(m);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("mean", Double.isNaN(ms[0]) ? null : ms[0]);
            one.put("spread", Double.isNaN(ms[1]) ? null : ms[1]);
            one.put("answers", (int) ms[2]);
            one.put("failed", failed.get(m));
            judgedJson.put(key(m), one);
        }
        json.put("judged", judgedJson);
        json.put("repeats", repeats);
        json.put("perQuestion", rows);
        return json;
    }
}
