package dev.sluice.incident;

import java.util.Map;

/**
 * A condition a detector found, from the moment it was first seen until it cleared.
 *
 * @param id increasing number
 * @param kind which detector opened it ({@link Kind})
 * @param subject what it is about: a source, an eval set, a budget period, the service ({@code service})
 * @param severity {@code warning} or {@code critical}
 * @param summary one line a person reads first
 * @param evidence what the detector saw: run ids, eval run ids, trace ids, figures and thresholds
 * @param openedMillis when it was first seen
 * @param updatedMillis when a detector last saw it (evidence and severity are the latest seen)
 * @param acknowledgedMillis when someone acknowledged it, 0 if nobody has
 * @param acknowledgedBy who acknowledged it (an API key id or {@code cli}), or null
 * @param resolvedMillis when its condition cleared, 0 while open
 */
public record Incident(
        long id,
        Kind kind,
        String subject,
        String severity,
        String summary,
        Map<String, Object> evidence,
        long openedMillis,
        long updatedMillis,
        long acknowledgedMillis,
        String acknowledgedBy,
        long resolvedMillis) {
    public Incident {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /** The detectors, and the incidents they open. */
    public enum Kind {
        /** An eval run significantly below its baseline (the paired test of {@code eval compare}). */
        EVAL_REGRESSION,
        /** A source past its freshness target, or whose last sync failed. */
        FRESHNESS,
        /** The quarantine share of the latest run well above the usual share. */
        QUARANTINE,
        /** Server errors or p99 latency of the API above the objective over the window. */
        SERVICE_OBJECTIVE,
        /** LLM spend near or over a daily or monthly budget. */
        BUDGET,
        /** The share of thumbs-down feedback rising against its baseline window. */
        FEEDBACK,
        /** The share of "not found" answers rising against its baseline window. */
        NOT_FOUND,
        /** The top-1 similarity of live questions drifting down from its baseline window. */
        SIMILARITY_DRIFT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind with this label ({@code eval_regression}), or null. */
        public static Kind fromLabel(String label) {
            for (Kind k : values()) {
                if (k.label().equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }

    public static final String WARNING = "warning";
    public static final String CRITICAL = "critical";

    public boolean open() {
        return resolvedMillis == 0;
    }

    public boolean acknowledged() {
        return acknowledgedMillis != 0;
    }

    /** {@code open}, {@code acknowledged} or {@code resolved}. */
    public String state() {
        return !open() ? "resolved" : acknowledged() ? "acknowledged" : "open";
    }

    /** What makes two findings the same condition: one open incident per key at most. */
    public String key() {
        return kind.label() + ":" + subject;
    }
}
