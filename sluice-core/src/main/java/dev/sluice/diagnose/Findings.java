package dev.sluice.diagnose;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small pieces the layers share: evidence maps, times for people, text normalized for matching. */
final class Findings {
    private Findings() {}

    /** An ordered map from alternating keys and values, leaving out null values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                out.put(keysAndValues[i].toString(), keysAndValues[i + 1]);
            }
        }
        return out;
    }

    /** The asking key as evidence names it: id, principal, groups (never the key itself). */
    static Map<String, Object> key(dev.sluice.access.ApiKeyRecord key) {
        return map("id", key.id(), "principal", key.principal(), "groups", key.groups());
    }

    /**
     * The model layer's first check, shared by both diagnoses: citations of the rerun (any draft's, and
     * the final answer's) that did not hold; null when every one held.
     */
    static Diagnosis citationFailure(
            Map<String, Object> evidence, java.util.List<Layer> passed, DiagnosisSignals.Rerun rerun, String fix) {
        java.util.Set<String> problems = new java.util.LinkedHashSet<>(rerun.citationProblems());
        problems.addAll(rerun.answer().problems());
        if (problems.isEmpty()) {
            return null;
        }
        evidence.put("problems", java.util.List.copyOf(problems));
        return new Diagnosis(
                Layer.MODEL,
                "unverifiable_citations",
                "the answer's citations did not hold: " + problems.iterator().next(),
                evidence,
                fix,
                passed);
    }

    /**
     * The context layer's first check, shared by both diagnoses: the rerun's best similarity under the
     * relevance floor (nothing reached the answer); null when it cleared the floor.
     */
    static Diagnosis belowFloor(
            Map<String, Object> evidence,
            java.util.List<Layer> passed,
            double topSimilarity,
            double floor,
            String fix) {
        if (topSimilarity >= floor) {
            return null;
        }
        evidence.put("topSimilarity", Double.parseDouble(round(topSimilarity)));
        evidence.put("floor", floor);
        return new Diagnosis(
                Layer.CONTEXT,
                "relevance_floor",
                "the best passage's similarity " + round(topSimilarity) + " is below the relevance floor " + floor
                        + ", so nothing reached the answer",
                evidence,
                fix,
                passed);
    }

    /** An ISO-8601 instant, or null for 0 (never). */
    static String time(long epochMillis) {
        return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis).toString();
    }

    /** "3 days", "5 hours", "12 minutes", "40 seconds". */
    static String ago(long millis) {
        Duration d = Duration.ofMillis(Math.max(0, millis));
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 2) {
            return d.toHours() + " hours";
        }
        if (d.toMinutes() >= 2) {
            return d.toMinutes() + " minutes";
        }
        return d.toSeconds() + " seconds";
    }

    /** Lower case, typographic apostrophes plain, whitespace collapsed: for "does this chunk hold the phrase". */
    static String normalize(String text) {
        return text.replace('’', '\'').replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    static String round(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
