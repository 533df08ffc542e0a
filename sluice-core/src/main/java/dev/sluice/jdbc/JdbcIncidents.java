package dev.sluice.jdbc;

import dev.sluice.incident.Finding;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentStore;
import dev.sluice.incident.Notification;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The incident store in the catalog's file, on the catalog's connection (one writer at a time). */
final class JdbcIncidents implements IncidentStore {
    private final JdbcCatalog catalog;

    JdbcIncidents(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Opened openIncident(Finding finding, long nowMillis) {
        return catalog.write("open an incident", c -> IncidentSql.open(c, finding, nowMillis));
    }

    @Override
    public void updateIncident(long id, String severity, String summary, Map<String, Object> evidence, long nowMillis) {
        catalog.write("update incident " + id, c -> {
            IncidentSql.update(c, id, severity, summary, evidence, nowMillis);
            return id;
        });
    }

    @Override
    public boolean resolveIncident(long id, long nowMillis) {
        return catalog.write("resolve incident " + id, c -> IncidentSql.resolve(c, id, nowMillis));
    }

    @Override
    public boolean acknowledgeIncident(long id, String by, long nowMillis) {
        return catalog.write("acknowledge incident " + id, c -> IncidentSql.acknowledge(c, id, by, nowMillis));
    }

    @Override
    public Optional<Incident> incident(long id) {
        return catalog.read("read incident " + id, c -> IncidentSql.byId(c, id));
    }

    @Override
    public List<Incident> incidents(boolean openOnly, int limit) {
        return catalog.read("list incidents", c -> IncidentSql.list(c, openOnly, limit));
    }

    @Override
    public boolean queueNotification(long incidentId, String event, String target, long nowMillis) {
        return catalog.write("queue a notification", c -> IncidentSql.queue(c, incidentId, event, target, nowMillis));
    }

    @Override
    public List<Notification> dueNotifications(long nowMillis, int limit) {
        return catalog.read("read notifications", c -> IncidentSql.due(c, nowMillis, limit));
    }

    @Override
    public List<Notification> notifications(long incidentId) {
        return catalog.read("read notifications", c -> IncidentSql.ofIncident(c, incidentId));
    }

    @Override
    public void notificationDelivered(long id, long nowMillis) {
        catalog.write("record a delivery", c -> {
            IncidentSql.delivered(c, id, nowMillis);
            return id;
        });
    }

    @Override
    public void notificationFailed(long id, String error, long nextAttemptMillis) {
        catalog.write("record a failed delivery", c -> {
            IncidentSql.failed(c, id, error, nextAttemptMillis);
            return id;
        });
    }
}
