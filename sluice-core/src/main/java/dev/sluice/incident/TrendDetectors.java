package dev.sluice.incident;

import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.observe.SpanRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Detectors of answer quality as users meet it: thumbs-down feedback, "not found" answers and the
 * top-1 similarity of live questions, each in the recent window against the baseline window before
 * it. A rise opens an incident only when it is larger than the configured margin and significant
 * (one-sided, at {@link IncidentSettings#trendAlpha()}), with enough events in both windows.
 */
final class TrendDetectors {
    /** Most events one check reads. */
    static final int MAX_EVENTS = 200_000;

    private TrendDetectors() {}

    static final class Feedback implements Detector {
        @Override
        public Incident.Kind kind() {
            return Incident.Kind.FEEDBACK;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            long recentStart = now - settings.trendWindow().toMillis();
            long baselineStart = recentStart - settings.trendBaseline().toMillis();
            List<AnswerStore.Feedback> all = signals.answers().feedbackSince(baselineStart, MAX_EVENTS);
            return shareRise(
                    kind(),
                    "thumbs-down feedback",
                    settings,
                    all.stream()
                            .filter(f -> f.feedback().createdMillis() < recentStart)
                            .toList(),
                    all.stream()
                            .filter(f -> f.feedback().createdMillis() >= recentStart)
                            .toList(),
                    f -> "down".equals(f.feedback().rating()),
                    f -> f.answer().id());
        }
    }

    static final class NotFound implements Detector {
        @Override
        public Incident.Kind kind() {
            return Incident.Kind.NOT_FOUND;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            long recentStart = now - settings.trendWindow().toMillis();
            long baselineStart = recentStart - settings.trendBaseline().toMillis();
            List<AnswerRecord> all = signals.answers().answersSince(baselineStart, MAX_EVENTS);
            return shareRise(
                    kind(),
                    "\"not found\" answers",
                    settings,
                    all.stream().filter(a -> a.createdMillis() < recentStart).toList(),
                    all.stream().filter(a -> a.createdMillis() >= recentStart).toList(),
                    a -> "not_found".equals(a.kind()),
                    AnswerRecord::id);
        }
    }

    /** The mean top-1 similarity of questions (the {@code ask} spans) dropping from the baseline window. */
    static final class SimilarityDrift implements Detector {
        static final String ATTRIBUTE = "sluice.answer.top_similarity";

        @Override
        public Incident.Kind kind() {
            return Incident.Kind.SIMILARITY_DRIFT;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            long recentStart = now - settings.trendWindow().toMillis();
            long baselineStart = recentStart - settings.trendBaseline().toMillis();
            List<SpanRecord> asks = signals.traces().spansNamed("ask", baselineStart, MAX_EVENTS).stream()
                    .filter(s -> s.attributes().get(ATTRIBUTE) instanceof Number)
                    .toList();
            List<SpanRecord> recent = asks.stream()
                    .filter(s -> s.startEpochNanos() / 1_000_000 >= recentStart)
                    .toList();
            List<SpanRecord> baseline = asks.stream()
                    .filter(s -> s.startEpochNanos() / 1_000_000 < recentStart)
                    .toList();
            if (recent.size() < settings.trendMinCount() || baseline.size() < settings.trendMinCount()) {
                return List.of();
            }
            double[] before = similarities(baseline);
            double[] after = similarities(recent);
            double drop = Significance.mean(before) - Significance.mean(after);
            double p = Significance.meanDrop(before, after);
            if (drop <= settings.maxSimilarityDrop() || p >= settings.trendAlpha()) {
                return List.of();
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("baselineMean", DataDetectors.round(Significance.mean(before)));
            evidence.put("recentMean", DataDetectors.round(Significance.mean(after)));
            evidence.put("drop", DataDetectors.round(drop));
            evidence.put("maxDrop", settings.maxSimilarityDrop());
            evidence.put("pValue", DataDetectors.round(p));
            evidence.put("baselineQuestions", before.length);
            evidence.put("recentQuestions", after.length);
            evidence.put("windowSeconds", settings.trendWindow().toSeconds());
            evidence.put(
                    "lowestTraceIds",
                    recent.stream()
                            .sorted(java.util.Comparator.comparingDouble(
                                    s -> ((Number) s.attributes().get(ATTRIBUTE)).doubleValue()))
                            .limit(10)
                            .map(SpanRecord::traceId)
                            .toList());
            return List.of(new Finding(
                    kind(),
                    "questions",
                    Incident.WARNING,
                    String.format(
                            Locale.ROOT,
                            "mean top-1 similarity of questions fell from %.3f to %.3f in the last %s (p = %.4f)",
                            Significance.mean(before),
                            Significance.mean(after),
                            DataDetectors.human(settings.trendWindow().toSeconds()),
                            p),
                    evidence));
        }

        private static double[] similarities(List<SpanRecord> spans) {
            return spans.stream()
                    .mapToDouble(s -> ((Number) s.attributes().get(ATTRIBUTE)).doubleValue())
                    .toArray();
        }
    }

    private static <T> List<Finding> shareRise(
            Incident.Kind kind,
            String what,
            IncidentSettings settings,
            List<T> baseline,
            List<T> recent,
            Predicate<T> bad,
            java.util.function.Function<T, String> answerId) {
        if (recent.size() < settings.trendMinCount() || baseline.size() < settings.trendMinCount()) {
            return List.of();
        }
        int k0 = (int) baseline.stream().filter(bad).count();
        int k1 = (int) recent.stream().filter(bad).count();
        double before = (double) k0 / baseline.size();
        double after = (double) k1 / recent.size();
        double p = Significance.shareRise(k0, baseline.size(), k1, recent.size());
        if (after - before <= settings.maxShareRise() || p >= settings.trendAlpha()) {
            return List.of();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("baselineShare", DataDetectors.round(before));
        evidence.put("recentShare", DataDetectors.round(after));
        evidence.put("baselineCount", baseline.size());
        evidence.put("recentCount", recent.size());
        evidence.put("recentBad", k1);
        evidence.put("pValue", DataDetectors.round(p));
        evidence.put("maxRise", settings.maxShareRise());
        evidence.put("windowSeconds", settings.trendWindow().toSeconds());
        evidence.put(
                "answerIds", recent.stream().filter(bad).limit(10).map(answerId).toList());
        return List.of(new Finding(
                kind,
                "answers",
                Incident.WARNING,
                String.format(
                        Locale.ROOT,
                        "the share of %s rose from %.0f%% to %.0f%% in the last %s (p = %.4f)",
                        what,
                        before * 100,
                        after * 100,
                        DataDetectors.human(settings.trendWindow().toSeconds()),
                        p),
                evidence));
    }
}
