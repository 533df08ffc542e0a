package dev.sluice.incident;

import java.util.Map;

/**
 * A condition a detector sees now. The monitor opens an incident for it, or refreshes the open one
 * with the same kind and subject.
 *
 * @param kind the detector's kind
 * @param subject what it is about (a source name, an eval set, {@code daily}, {@code service})
 * @param severity {@link Incident#WARNING} or {@link Incident#CRITICAL}
 * @param summary one line, with the figure and the threshold
 * @param evidence what proves it: ids, figures, thresholds (JSON-friendly values)
 */
public record Finding(
        Incident.Kind kind, String subject, String severity, String summary, Map<String, Object> evidence) {
    public Finding {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    public String key() {
        return kind.label() + ":" + subject;
    }
}
