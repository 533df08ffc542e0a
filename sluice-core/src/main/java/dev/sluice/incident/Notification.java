package dev.sluice.incident;

/**
 * One message owed to one webhook: an incident opened or resolved. Kept in the store until it is
 * delivered (an outbox), so a restart or a failing receiver neither loses nor repeats it: there is at
 * most one per incident, event and target.
 *
 * @param id increasing number; sent as {@code X-Sluice-Delivery} so a receiver can drop a repeat
 *     when our request reached it but its answer did not reach us
 * @param incidentId the incident
 * @param event {@code opened} or {@code resolved}
 * @param target the webhook's URL
 * @param attempts failed attempts so far
 * @param nextAttemptMillis not before this time
 * @param deliveredMillis when the receiver answered 2xx, 0 until then
 * @param lastError why the last attempt failed, or null
 */
public record Notification(
        long id,
        long incidentId,
        String event,
        String target,
        int attempts,
        long nextAttemptMillis,
        long deliveredMillis,
        String lastError) {}
