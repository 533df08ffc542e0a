package dev.sluice.incident;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident seam: incidents with their evidence, and the outbox of webhook notifications. At most
 * one incident per {@link Incident#key() key} is open at a time, even with several processes
 * checking at once (the service and a cron {@code sluice incidents check}). The embedded
 * implementation is the SQLite catalog; implementations are thread-safe.
 */
public interface IncidentStore {
    /**
     * Opens an incident for {@code finding} unless one with its key is open; returns the open one
     * (new or existing) and whether it was opened now.
     */
    Opened openIncident(Finding finding, long nowMillis);

    /** What {@link #openIncident} did. */
    record Opened(Incident incident, boolean created) {}

    /** Refreshes an open incident with what its detector sees now. */
    void updateIncident(long id, String severity, String summary, Map<String, Object> evidence, long nowMillis);

    /** Marks an open incident resolved; false when it was not open. */
    boolean resolveIncident(long id, long nowMillis);

    /** Records who acknowledged an open incident; false when it is unknown, resolved or already acknowledged. */
    boolean acknowledgeIncident(long id, String by, long nowMillis);

    Optional<Incident> incident(long id);

    /** Newest first; {@code openOnly} leaves out resolved ones. */
    List<Incident> incidents(boolean openOnly, int limit);

    /** Queues a notification unless one for this incident, event and target exists; true when queued now. */
    boolean queueNotification(long incidentId, String event, String target, long nowMillis);

    /** Notifications not yet delivered whose next attempt is due, oldest first. */
    List<Notification> dueNotifications(long nowMillis, int limit);

    /** Notifications of one incident, any state. */
    List<Notification> notifications(long incidentId);

    void notificationDelivered(long id, long nowMillis);

    /** Records a failed attempt; {@code nextAttemptMillis} of {@link Long#MAX_VALUE} gives up. */
    void notificationFailed(long id, String error, long nextAttemptMillis);
}
