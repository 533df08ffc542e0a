package dev.sluice.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON shape for an incident, shared by {@code sluice incidents --json}, {@code /v1/incidents} and webhooks. */
public final class IncidentViews {
    private IncidentViews() {}

    public static Map<String, Object> view(Incident i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("kind", i.kind().label());
        out.put("subject", i.subject());
        out.put("severity", i.severity());
        out.put("state", i.state());
        out.put("summary", i.summary());
        out.put("openedAt", time(i.openedMillis()));
        out.put("updatedAt", time(i.updatedMillis()));
        out.put("acknowledgedAt", i.acknowledged() ? time(i.acknowledgedMillis()) : null);
        out.put("acknowledgedBy", i.acknowledgedBy());
        out.put("resolvedAt", i.open() ? null : time(i.resolvedMillis()));
        out.put("evidence", i.evidence());
        return out;
    }

    public static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
