/**
 * Incidents: the knowledge base watching itself.
 *
 * <p>{@link dev.sluice.incident.Detector Detectors} read the stores ({@link
 * dev.sluice.incident.IncidentSignals}) and report the conditions that hold now: a source past its
 * freshness target or failing, a run's quarantine share well above the usual, an eval run
 * significantly below its baseline, API errors or p99 latency above the objective, LLM spend near a
 * budget, thumbs-down or "not found" shares rising, the top-1 similarity of questions drifting down.
 * The {@link dev.sluice.incident.IncidentMonitor} turns findings into incidents in the {@link
 * dev.sluice.incident.IncidentStore}: opened once per kind and subject, refreshed while seen,
 * resolved when gone. Each change queues one notification per webhook (an outbox in the store), and
 * the {@link dev.sluice.incident.WebhookSender} delivers them with retries, so a receiver gets each
 * event once even across restarts, and a failing receiver never holds up the detectors.
 *
 * <p>Thresholds live in {@link dev.sluice.incident.IncidentSettings} ({@code incidents} in
 * sluice.yaml); the trend detectors ask for a rise larger than a margin and significant under a
 * one-sided test, with enough events in both windows, so a quiet service does not page anyone.
 */
package dev.sluice.incident;
