package dev.sluice.incident;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the detectors and keeps incidents in step with what they see: a new condition opens an
 * incident (and queues an {@code opened} notification per webhook), a condition still seen refreshes
 * the open incident's evidence, and an open incident whose condition is gone resolves (and queues
 * {@code resolved}). The store allows one open incident per kind and subject, so two checks at once
 * (the service and a cron job) never open the same one twice.
 */
public final class IncidentMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(IncidentMonitor.class);

    /** Every detector, in the order they run. */
    public static final List<Detector> DETECTORS = List.of(
            new DataDetectors.Freshness(),
            new DataDetectors.Quarantine(),
            new DataDetectors.EvalRegression(),
            new ServiceDetectors.Objectives(),
            new ServiceDetectors.Spend(),
            new TrendDetectors.Feedback(),
            new TrendDetectors.NotFound(),
            new TrendDetectors.SimilarityDrift());

    private final IncidentSignals signals;
    private final IncidentSettings settings;
    private final Clock clock;
    private final WebhookSender webhooks;

    public IncidentMonitor(IncidentSignals signals, IncidentSettings settings, Clock clock) {
        this.signals = signals;
        this.settings = settings;
        this.clock = clock;
        this.webhooks = new WebhookSender(signals.incidents(), settings, clock);
    }

    /**
     * What one check did.
     *
     * @param opened incidents opened by this check
     * @param resolved incidents this check found cleared
     * @param open every incident open after it
     * @param failures detectors that could not run, with why (their incidents stay as they were)
     */
    public record Check(
            List<Incident> opened, List<Incident> resolved, List<Incident> open, Map<String, String> failures) {}

    public IncidentSettings settings() {
        return settings;
    }

    public IncidentStore store() {
        return signals.incidents();
    }

    /** Runs every detector once. */
    public synchronized Check check() {
        IncidentStore store = signals.incidents();
        List<Incident> opened = new ArrayList<>();
        List<Incident> resolved = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        // Read once: an incident this check opens is among its detector's findings, never resolved by it.
        List<Incident> openBefore = store.incidents(true, 10_000);
        for (Detector detector : DETECTORS) {
            long now = clock.millis();
            List<Finding> findings;
            try {
                findings = detector.detect(signals, settings, now);
            } catch (RuntimeException e) {
                failures.put(detector.kind().label(), String.valueOf(e.getMessage()));
                LOG.warn("incident detector {} failed: {}", detector.kind().label(), e.getMessage());
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Finding f : findings) {
                seen.add(f.key());
                IncidentStore.Opened o = store.openIncident(f, now);
                if (o.created()) {
                    opened.add(o.incident());
                    queue(o.incident().id(), "opened", now);
                    LOG.warn("incident {} opened: {}", o.incident().id(), f.summary());
                } else {
                    store.updateIncident(o.incident().id(), f.severity(), f.summary(), f.evidence(), now);
                }
            }
            for (Incident i : openBefore) {
                if (i.kind() == detector.kind() && !seen.contains(i.key()) && store.resolveIncident(i.id(), now)) {
                    resolved.add(store.incident(i.id()).orElse(i));
                    queue(i.id(), "resolved", now);
                    LOG.info("incident {} resolved: {}", i.id(), i.summary());
                }
            }
        }
        return new Check(opened, resolved, store.incidents(true, 10_000), failures);
    }

    /** Sends the notifications that are due; see {@link WebhookSender}. */
    public WebhookSender.Report deliver() {
        return webhooks.deliver();
    }

    private void queue(long incidentId, String event, long now) {
        for (String target : WebhookSender.targets(settings)) {
            signals.incidents().queueNotification(incidentId, event, target, now);
        }
    }
}
