package dev.sluice.incident;

import java.time.Duration;
import java.util.List;

/**
 * The {@code incidents} section of sluice.yaml: how often the service checks, where notifications
 * go, and each detector's thresholds. Every threshold has a default; see docs/observability.md.
 *
 * @param interval how often {@code sluice serve} runs the detectors
 * @param webhooks where opened and resolved incidents are sent
 * @param allowPrivateWebhooks whether webhooks may reach loopback, private or link-local addresses
 *     (refused by default, as for URL sources)
 * @param objectiveWindow the window for error rate and p99 latency
 * @param maxErrorRate share of API requests answered 5xx above which an incident opens
 * @param p99Millis p99 latency of API requests above which an incident opens
 * @param minRequests fewer requests in the window judge nothing
 * @param budgetWarnShare spend share of a budget at which a warning opens (over 1.0: critical)
 * @param quarantineMinShare a run's quarantine share must be at least this to open an incident
 * @param quarantineFactor ... and at least this many times the usual share
 * @param quarantineMinDocuments runs that processed fewer documents judge nothing
 * @param trendWindow recent window of feedback, not-found answers and top-1 similarity
 * @param trendBaseline the window before it that serves as the baseline
 * @param trendMinCount fewer events in either window judge nothing
 * @param trendAlpha significance level of the rise or drop (one-sided)
 * @param maxShareRise a share (thumbs down, not found) must rise by more than this
 * @param maxSimilarityDrop mean top-1 similarity must drop by more than this
 */
public record IncidentSettings(
        Duration interval,
        List<Webhook> webhooks,
        boolean allowPrivateWebhooks,
        Duration objectiveWindow,
        double maxErrorRate,
        long p99Millis,
        int minRequests,
        double budgetWarnShare,
        double quarantineMinShare,
        double quarantineFactor,
        int quarantineMinDocuments,
        Duration trendWindow,
        Duration trendBaseline,
        int trendMinCount,
        double trendAlpha,
        double maxShareRise,
        double maxSimilarityDrop) {

    public static final IncidentSettings DEFAULTS = new IncidentSettings(
            Duration.ofMinutes(1),
            List.of(),
            false,
            Duration.ofMinutes(15),
            0.05,
            2_000,
            20,
            0.8,
            0.1,
            2.0,
            5,
            Duration.ofHours(24),
            Duration.ofDays(7),
            20,
            0.05,
            0.1,
            0.05);

    public IncidentSettings {
        webhooks = List.copyOf(webhooks);
    }

    /**
     * A webhook.
     *
     * @param url where to POST
     * @param format {@code json} (Sluice's own body) or {@code slack} (Slack's incoming-webhook body:
     *     {@code {"text": ...}})
     * @param secretEnv an environment variable holding a shared secret; when set, each request carries
     *     {@code X-Sluice-Signature: sha256=HMAC(secret, body)}
     */
    public record Webhook(String url, String format, String secretEnv) {
        public static final List<String> FORMATS = List.of("json", "slack");
    }

    /** These settings with other webhooks. */
    public IncidentSettings withWebhooks(List<Webhook> hooks, boolean allowPrivate) {
        Builder b = new Builder(this);
        b.webhooks = hooks;
        b.allowPrivateWebhooks = allowPrivate;
        return b.build();
    }

    /** These settings with another window and objectives for error rate and latency. */
    public IncidentSettings withObjectives(Duration window, double errorRate, long p99, int requests) {
        Builder b = new Builder(this);
        b.objectiveWindow = window;
        b.maxErrorRate = errorRate;
        b.p99Millis = p99;
        b.minRequests = requests;
        return b.build();
    }

    /** These settings with other windows for the trend detectors (feedback, not found, similarity). */
    public IncidentSettings withTrendWindows(Duration recent, Duration baseline) {
        Builder b = new Builder(this);
        b.trendWindow = recent;
        b.trendBaseline = baseline;
        return b.build();
    }

    /** A copy to change one group of settings in; the record's components, by name. */
    private static final class Builder {
        private final Duration interval;
        private List<Webhook> webhooks;
        private boolean allowPrivateWebhooks;
        private Duration objectiveWindow;
        private double maxErrorRate;
        private long p99Millis;
        private int minRequests;
        private final double budgetWarnShare;
        private final double quarantineMinShare;
        private final double quarantineFactor;
        private final int quarantineMinDocuments;
        private Duration trendWindow;
        private Duration trendBaseline;
        private final int trendMinCount;
        private final double trendAlpha;
        private final double maxShareRise;
        private final double maxSimilarityDrop;

        Builder(IncidentSettings s) {
            interval = s.interval;
            webhooks = s.webhooks;
            allowPrivateWebhooks = s.allowPrivateWebhooks;
            objectiveWindow = s.objectiveWindow;
            maxErrorRate = s.maxErrorRate;
            p99Millis = s.p99Millis;
            minRequests = s.minRequests;
            budgetWarnShare = s.budgetWarnShare;
            quarantineMinShare = s.quarantineMinShare;
            quarantineFactor = s.quarantineFactor;
            quarantineMinDocuments = s.quarantineMinDocuments;
            trendWindow = s.trendWindow;
            trendBaseline = s.trendBaseline;
            trendMinCount = s.trendMinCount;
            trendAlpha = s.trendAlpha;
            maxShareRise = s.maxShareRise;
            maxSimilarityDrop = s.maxSimilarityDrop;
        }

        IncidentSettings build() {
            return new IncidentSettings(
                    interval,
                    webhooks,
                    allowPrivateWebhooks,
                    objectiveWindow,
                    maxErrorRate,
                    p99Millis,
                    minRequests,
                    budgetWarnShare,
                    quarantineMinShare,
                    quarantineFactor,
                    quarantineMinDocuments,
                    trendWindow,
                    trendBaseline,
                    trendMinCount,
                    trendAlpha,
                    maxShareRise,
                    maxSimilarityDrop);
        }
    }
}
