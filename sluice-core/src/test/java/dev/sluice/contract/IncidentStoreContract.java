package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.incident.Finding;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentStore;
import dev.sluice.incident.Notification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IncidentStore} must do: one open incident per kind and subject (also through two
 * handles at once, as two processes would hold), refresh, resolve, acknowledge, and an outbox with at
 * most one notification per incident, event and target.
 */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class IncidentStoreContract<S extends AutoCloseable> extends StoreFixture<S> {
    /** The incident store of an opened store. */
    protected abstract IncidentStore incidents(S store);

    private static Finding stale(String source, String severity) {
        return new Finding(
                Incident.Kind.FRESHNESS,
                source,
                severity,
                "source " + source + " is stale",
                Map.of("source", source, "lagSeconds", 7200L, "recentRuns", List.of(1L, 2L)));
    }

    @Test
    void should_open_one_incident_per_kind_and_subject_even_through_two_handles() {
        IncidentStore a = incidents(open());
        IncidentStore b = incidents(open());
        IncidentStore.Opened first = a.openIncident(stale("docs", Incident.WARNING), 1_000);
        IncidentStore.Opened again = b.openIncident(stale("docs", Incident.CRITICAL), 2_000);
        IncidentStore.Opened other = b.openIncident(stale("wiki", Incident.WARNING), 2_000);
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.incident().id()).isEqualTo(first.incident().id());
        assertThat(other.created()).isTrue();
        assertThat(a.incidents(true, 10)).extracting(Incident::subject).containsExactly("wiki", "docs"); // newest first
        Incident docs = a.incident(first.incident().id()).orElseThrow();
        assertThat(docs.kind()).isEqualTo(Incident.Kind.FRESHNESS);
        assertThat(docs.openedMillis()).isEqualTo(1_000);
        assertThat(docs.state()).isEqualTo("open");
        assertThat(((Number) docs.evidence().get("lagSeconds")).longValue()).isEqualTo(7200);
        assertThat(docs.evidence().get("recentRuns"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(2);
    }

    @Test
    void should_refresh_an_open_incident_and_open_a_new_one_after_it_resolved() {
        IncidentStore store = incidents(open());
        long id = store.openIncident(stale("docs", Incident.WARNING), 1_000)
                .incident()
                .id();
        store.updateIncident(id, Incident.CRITICAL, "worse", Map.of("lagSeconds", 99_999L), 5_000);
        Incident updated = store.incident(id).orElseThrow();
        assertThat(updated.severity()).isEqualTo(Incident.CRITICAL);
        assertThat(updated.summary()).isEqualTo("worse");
        assertThat(updated.openedMillis()).isEqualTo(1_000);
        assertThat(updated.updatedMillis()).isEqualTo(5_000);

        assertThat(store.resolveIncident(id, 6_000)).isTrue();
        assertThat(store.resolveIncident(id, 7_000)).isFalse();
        Incident resolved = store.incident(id).orElseThrow();
        assertThat(resolved.open()).isFalse();
        assertThat(resolved.resolvedMillis()).isEqualTo(6_000);
        assertThat(store.incidents(true, 10)).isEmpty();

        IncidentStore.Opened reopened = store.openIncident(stale("docs", Incident.WARNING), 8_000);
        assertThat(reopened.created()).isTrue();
        assertThat(reopened.incident().id()).isNotEqualTo(id);
        assertThat(store.incidents(false, 10)).hasSize(2);
        assertThat(store.incident(12345)).isEmpty();
    }

    @Test
    void should_acknowledge_an_open_incident_once() {
        IncidentStore store = incidents(open());
        long id = store.openIncident(stale("docs", Incident.WARNING), 1_000)
                .incident()
                .id();
        assertThat(store.acknowledgeIncident(id, "key-1", 2_000)).isTrue();
        assertThat(store.acknowledgeIncident(id, "key-2", 3_000)).isFalse();
        Incident acked = store.incident(id).orElseThrow();
        assertThat(acked.state()).isEqualTo("acknowledged");
        assertThat(acked.acknowledgedBy()).isEqualTo("key-1");
        assertThat(acked.acknowledgedMillis()).isEqualTo(2_000);
        assertThat(acked.open()).isTrue();

        long other = store.openIncident(stale("wiki", Incident.WARNING), 1_000)
                .incident()
                .id();
        store.resolveIncident(other, 2_000);
        assertThat(store.acknowledgeIncident(other, "key-1", 3_000)).isFalse();
        assertThat(store.acknowledgeIncident(999, "key-1", 3_000)).isFalse();
    }

    @Test
    void should_queue_each_notification_once_and_hand_out_only_due_undelivered_ones() {
        IncidentStore store = incidents(open());
        long id = store.openIncident(stale("docs", Incident.WARNING), 1_000)
                .incident()
                .id();
        assertThat(store.queueNotification(id, "opened", "https://a.example/hook", 1_000))
                .isTrue();
        assertThat(store.queueNotification(id, "opened", "https://a.example/hook", 1_500))
                .isFalse();
        assertThat(store.queueNotification(id, "opened", "https://b.example/hook", 1_000))
                .isTrue();
        assertThat(incidents(open()).queueNotification(id, "opened", "https://b.example/hook", 1_000))
                .isFalse();
        assertThat(store.dueNotifications(999, 10)).isEmpty();
        List<Notification> due = store.dueNotifications(1_000, 10);
        assertThat(due)
                .extracting(Notification::target)
                .containsExactly("https://a.example/hook", "https://b.example/hook");

        store.notificationDelivered(due.get(0).id(), 2_000);
        store.notificationFailed(due.get(1).id(), "answered HTTP 500", 12_000);
        assertThat(store.dueNotifications(11_999, 10)).isEmpty();
        List<Notification> retry = store.dueNotifications(12_000, 10);
        assertThat(retry).hasSize(1);
        assertThat(retry.getFirst().attempts()).isEqualTo(1);
        assertThat(retry.getFirst().lastError()).isEqualTo("answered HTTP 500");

        List<Notification> all = store.notifications(id);
        assertThat(all).hasSize(2);
        assertThat(all.getFirst().deliveredMillis()).isEqualTo(2_000);
        store.notificationFailed(retry.getFirst().id(), "gave up", Long.MAX_VALUE);
        assertThat(store.dueNotifications(Long.MAX_VALUE - 1, 10)).isEmpty();
    }
}
