package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentMonitor;
import dev.sluice.incident.IncidentViews;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incidents over HTTP. Keys with the {@code ingest} or {@code admin} scope see them (the people who
 * run the knowledge base); only an admin key acknowledges one or runs the detectors now. Evidence
 * naming documents lists only those the caller may read, and trace and answer ids (which lead to
 * other keys' questions) are kept for admin keys.
 */
record IncidentRoutes(KnowledgeBase kb) {
    /** Evidence fields that name traces or answers of any key: for admin keys only. */
    private static final Set<String> ADMIN_EVIDENCE =
            Set.of("traceIds", "slowestTraceIds", "lowestTraceIds", "answerIds");

    /** {@code GET /v1/incidents}: open incidents, newest first; {@code ?all=true} adds resolved ones. */
    void list(Context ctx) {
        Caller caller = viewer(ctx);
        boolean all = WatchApi.ALL.get(ctx);
        int limit = WatchApi.INCIDENTS_LIMIT.get(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Incident i : kb.incidentStore().incidents(!all, limit)) {
            out.add(view(i, caller));
        }
        Http.json(ctx, 200, Map.of("incidents", out));
    }

    /** {@code GET /v1/incidents/{id}}. */
    void show(Context ctx) {
        Caller caller = viewer(ctx);
        Http.json(ctx, 200, view(find(ctx), caller));
    }

    /** {@code POST /v1/incidents/{id}/ack}: someone is on it (admin keys). */
    void acknowledge(Context ctx) {
        Caller caller = Caller.requiring(ctx, "admin");
        Incident incident = find(ctx);
        if (!incident.open()) {
            throw new ApiError(409, "conflict", "incident " + incident.id() + " is already resolved");
        }
        boolean now = kb.incidentStore()
                .acknowledgeIncident(incident.id(), caller.key().id(), System.currentTimeMillis());
        Map<String, Object> body = new LinkedHashMap<>(
                view(kb.incidentStore().incident(incident.id()).orElseThrow(), caller));
        body.put("acknowledgedNow", now);
        Http.json(ctx, 200, body);
    }

    /** {@code POST /v1/incidents/check}: runs every detector now (admin keys). */
    void check(Context ctx) {
        Caller caller = Caller.requiring(ctx, "admin");
        IncidentMonitor.Check check = kb.incidents().check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("opened", check.opened().stream().map(Incident::id).toList());
        body.put("resolved", check.resolved().stream().map(Incident::id).toList());
        body.put("open", check.open().stream().map(i -> view(i, caller)).toList());
        body.put("detectorFailures", check.failures());
        Http.json(ctx, 200, body);
    }

    private static Caller viewer(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (!caller.has("ingest") && !caller.has("admin")) {
            throw new ApiError(403, "forbidden", "incidents are for keys with the 'ingest' or 'admin' scope");
        }
        return caller;
    }

    private Incident find(Context ctx) {
        String raw = WatchApi.INCIDENT_ID.get(ctx);
        java.util.OptionalLong number = AsciiDigits.parse(raw);
        if (number.isEmpty()) {
            throw new ApiError(404, "not_found", "no incident " + Http.printable(raw));
        }
        long id = number.getAsLong();
        return kb.incidentStore().incident(id).orElseThrow(() -> new ApiError(404, "not_found", "no incident " + id));
    }

    /** The incident as {@link IncidentViews} shows it, less what the caller may not learn. */
    Map<String, Object> view(Incident incident, Caller caller) {
        Map<String, Object> out = new LinkedHashMap<>(IncidentViews.view(incident));
        out.put("evidence", evidence(incident.evidence(), caller));
        return out;
    }

    private Map<String, Object> evidence(Map<String, Object> evidence, Caller caller) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean admin = caller.has("admin");
        evidence.forEach((field, value) -> {
            if (ADMIN_EVIDENCE.contains(field) && !admin) {
                return;
            }
            if (field.equals("documents") && value instanceof List<?> docs) {
                List<Object> readable = new ArrayList<>();
                for (Object d : docs) {
                    if (d instanceof Map<?, ?> m && mayRead(caller, String.valueOf(m.get("uri")))) {
                        readable.add(d);
                    }
                }
                out.put(field, readable);
                if (readable.size() < docs.size()) {
                    out.put("documentsHidden", docs.size() - readable.size());
                }
                return;
            }
            out.put(field, value);
        });
        return out;
    }

    private boolean mayRead(Caller caller, String uri) {
        DocumentRecord d = kb.catalog().document(uri);
        return d != null && caller.mayRead(d.access());
    }
}
