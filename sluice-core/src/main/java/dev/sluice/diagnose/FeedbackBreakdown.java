package dev.sluice.diagnose;

import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackDiagnosis;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where thumbs-down answers fail: the share of diagnosed thumbs-down feedback per layer, overall and per
 * week (weeks start on Monday, UTC). The breakdown that tells a team where to invest: a team whose
 * failures sit in {@code data} fixes ingestion, one whose failures sit in {@code retrieval} tunes search.
 * Feedback whose diagnosis could not run counts in {@code downs} but in no layer.
 *
 * @param downs thumbs-down feedback counted
 * @param diagnosed of those, the ones whose diagnosis ran
 * @param byLayer diagnosed feedback per layer label, in {@link Layer} order, every layer present
 * @param weeks the same per week, oldest first
 */
public record FeedbackBreakdown(int downs, int diagnosed, Map<String, Integer> byLayer, List<Week> weeks) {
    public FeedbackBreakdown {
        byLayer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byLayer));
        weeks = List.copyOf(weeks);
    }

    /**
     * One week.
     *
     * @param start its Monday, {@code yyyy-MM-dd}
     */
    public record Week(String start, int diagnosed, Map<String, Integer> byLayer) {
        public Week {
            byLayer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byLayer));
        }

        /** This week's share of failures in a layer, 0 when none were diagnosed. */
        public double share(String layer) {
            return diagnosed == 0 ? 0 : byLayer.getOrDefault(layer, 0) / (double) diagnosed;
        }
    }

    /** The breakdown of the thumbs-down feedback among {@code feedback} (other ratings are ignored). */
    public static FeedbackBreakdown of(List<AnswerStore.Feedback> feedback) {
        int downs = 0;
        Map<String, Integer> all = empty();
        Map<String, Map<String, Integer>> weeks = new TreeMap<>();
        for (AnswerStore.Feedback f : feedback) {
            if (!"down".equals(f.feedback().rating())) {
                continue;
            }
            downs++;
            FeedbackDiagnosis d = f.diagnosis();
            if (d == null || d.layer() == null) {
                continue;
            }
            all.merge(d.layer(), 1, Integer::sum);
            weeks.computeIfAbsent(weekOf(f.feedback().createdMillis()), w -> empty())
                    .merge(d.layer(), 1, Integer::sum);
        }
        List<Week> out = new ArrayList<>();
        weeks.forEach((start, counts) -> out.add(new Week(start, sum(counts), counts)));
        return new FeedbackBreakdown(downs, sum(all), all, out);
    }

    /** The share of diagnosed thumbs-down feedback failing in a layer ({@code retrieval}), 0 when none. */
    public double share(String layer) {
        return diagnosed == 0 ? 0 : byLayer.getOrDefault(layer, 0) / (double) diagnosed;
    }

    /** The JSON view: {@code sluice feedback list --by-layer --json}. */
    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("downs", downs);
        out.put("diagnosed", diagnosed);
        out.put("byLayer", layers(byLayer, diagnosed));
        List<Map<String, Object>> w = new ArrayList<>();
        for (Week week : weeks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("week", week.start());
            m.put("diagnosed", week.diagnosed());
            m.put("byLayer", layers(week.byLayer(), week.diagnosed()));
            w.add(m);
        }
        out.put("weeks", w);
        return out;
    }

    private static List<Map<String, Object>> layers(Map<String, Integer> counts, int total) {
        List<Map<String, Object>> out = new ArrayList<>();
        counts.forEach((layer, n) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", layer);
            m.put("count", n);
            m.put("share", total == 0 ? 0.0 : Math.round(1000.0 * n / total) / 1000.0);
            out.add(m);
        });
        return out;
    }

    /** The Monday (UTC) of the week holding this instant, {@code yyyy-MM-dd}. */
    public static String weekOf(long epochMillis) {
        LocalDate day = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
    }

    private static Map<String, Integer> empty() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Layer l : Layer.values()) {
            m.put(l.label().toLowerCase(Locale.ROOT), 0);
        }
        return m;
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
