package dev.sluice.mcp;

import dev.sluice.KnowledgeBase;
import dev.sluice.SourceStatus;
import dev.sluice.catalog.Catalog;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentViews;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code status} tool's view: per source, the documents and chunks the caller may read and the
 * source's freshness (as {@code /v1/status} counts them); the open incidents for callers that run the
 * knowledge base (scope ingest or admin, as {@code /v1/incidents}), without their evidence, which may
 * name documents; the local user sees everything.
 */
final class StatusView {
    private StatusView() {}

    /** Open incidents shown at most. */
    static final int MAX_INCIDENTS = 50;

    static Map<String, Object> of(KnowledgeBase kb, McpCaller caller) {
        Map<String, int[]> readable = new HashMap<>();
        for (Catalog.DocumentGroup g : kb.catalog().documentGroups()) {
            if (g.indexed() && caller.mayRead(g.access())) {
                int[] counts = readable.computeIfAbsent(g.source(), k -> new int[2]);
                counts[0] += g.documents();
                counts[1] += (int) g.chunks();
            }
        }
        List<Map<String, Object>> sources = new ArrayList<>();
        boolean fresh = true;
        for (SourceStatus s : kb.status(System.currentTimeMillis())) {
            int[] counts = readable.getOrDefault(s.name(), new int[2]);
            if (!s.configured() && counts[0] == 0) {
                continue; // only the catalog remembers it, and nothing of it is the caller's to know
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("configured", s.configured());
            m.put("documents", counts[0]);
            m.put("chunks", counts[1]);
            m.put("lastSyncOk", ToolViews.instant(s.lastOkMillis()));
            m.put("lagSeconds", s.lag() == null ? null : s.lag().toSeconds());
            m.put(
                    "freshnessTargetSeconds",
                    s.freshness() == null ? null : s.freshness().toSeconds());
            m.put("freshnessBreached", s.breached());
            m.put("alert", s.alert());
            fresh &= !s.alert();
            sources.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fresh", fresh);
        body.put("sources", sources);
        if (caller.has("ingest") || caller.has("admin")) {
            List<Map<String, Object>> incidents = new ArrayList<>();
            for (Incident i : kb.incidentStore().incidents(true, MAX_INCIDENTS)) {
                Map<String, Object> view = new LinkedHashMap<>(IncidentViews.view(i));
                view.remove("evidence");
                incidents.add(view);
            }
            body.put("openIncidents", incidents);
        } else {
            body.put("openIncidents", null);
            body.put("incidentsNote", "open incidents are shown to keys with the ingest or admin scope");
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> body) {
        StringBuilder sb = new StringBuilder();
        sb.append(Boolean.TRUE.equals(body.get("fresh")) ? "Fresh" : "NOT fresh: a source is late or failing")
                .append('\n');
        for (Map<String, Object> s : (List<Map<String, Object>>) body.get("sources")) {
            sb.append("- ")
                    .append(s.get("name"))
                    .append(": ")
                    .append(s.get("documents"))
                    .append(" documents, ")
                    .append(s.get("chunks"))
                    .append(" chunks; last sync ")
                    .append(s.get("lastSyncOk") == null ? "never" : s.get("lastSyncOk"));
            if (s.get("lagSeconds") != null) {
                sb.append(" (").append(s.get("lagSeconds")).append(" s ago");
                if (s.get("freshnessTargetSeconds") != null) {
                    sb.append(", target ")
                            .append(s.get("freshnessTargetSeconds"))
                            .append(" s");
                }
                sb.append(')');
            }
            if (Boolean.TRUE.equals(s.get("alert"))) {
                sb.append(" ALERT");
            }
            sb.append('\n');
        }
        Object incidents = body.get("openIncidents");
        if (incidents == null) {
            sb.append("Incidents: ").append(body.get("incidentsNote"));
        } else if (((List<?>) incidents).isEmpty()) {
            sb.append("No open incidents.");
        } else {
            sb.append("Open incidents:");
            for (Map<String, Object> i : (List<Map<String, Object>>) incidents) {
                sb.append("\n- #")
                        .append(i.get("id"))
                        .append(' ')
                        .append(i.get("severity"))
                        .append(' ')
                        .append(i.get("kind"))
                        .append(": ")
                        .append(i.get("summary"));
            }
        }
        return sb.toString();
    }
}
