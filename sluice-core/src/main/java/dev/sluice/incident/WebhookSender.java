package dev.sluice.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.source.http.AddressGuard;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued notifications (the store's outbox) to the configured webhooks: a POST of JSON, in
 * Sluice's own shape or Slack's, with {@code X-Sluice-Delivery} (the notification's id, for a
 * receiver to drop repeats), {@code X-Sluice-Event} and, with a secret, {@code X-Sluice-Signature}.
 * A 2xx answer delivers it; anything else is retried after 10 s, 20 s, 40 s ... up to 15 min apart,
 * {@link #MAX_ATTEMPTS} times. Targets must be public addresses unless {@code allowPrivateWebhooks};
 * a refused target is not retried. A webhook never blocks the detectors: delivery runs on its own
 * schedule with short timeouts.
 */
public final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Attempts before a notification is given up (its last error stays in the store). */
    public static final int MAX_ATTEMPTS = 10;

    static final long FIRST_RETRY_MILLIS = 10_000;
    static final long LONGEST_RETRY_MILLIS = 15 * 60_000;

    private final IncidentStore store;
    private final IncidentSettings settings;
    private final Clock clock;
    private final HttpClient http;

    WebhookSender(IncidentStore store, IncidentSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * What one delivery pass did.
     *
     * @param delivered notifications the receivers accepted
     * @param failed notifications that failed this time (retried later unless given up)
     */
    public record Report(int delivered, int failed) {}

    /** Sends every due notification once. */
    public Report deliver() {
        int delivered = 0;
        int failed = 0;
        for (Notification n : store.dueNotifications(clock.millis(), 100)) {
            String error = send(n);
            long now = clock.millis();
            if (error == null) {
                store.notificationDelivered(n.id(), now);
                delivered++;
            } else {
                failed++;
                boolean giveUp = error.startsWith(REFUSED) || n.attempts() + 1 >= MAX_ATTEMPTS;
                long next = giveUp ? Long.MAX_VALUE : now + retryDelayMillis(n.attempts());
                store.notificationFailed(n.id(), error, next);
                LOG.warn(
                        "webhook {} for incident {} ({}): {}{}",
                        n.target(),
                        n.incidentId(),
                        n.event(),
                        error,
                        giveUp ? "; given up" : "; retried later");
            }
        }
        return new Report(delivered, failed);
    }

    /** 10 s after the first failure, doubling, at most 15 min. */
    static long retryDelayMillis(int failedBefore) {
        return Math.min(LONGEST_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(failedBefore, 20));
    }

    private static final String REFUSED = "refused: ";

    /** Sends one notification; null when delivered, else why not. */
    private String send(Notification n) {
        Optional<IncidentSettings.Webhook> hook = settings.webhooks().stream()
                .filter(w -> w.url().equals(n.target()))
                .findFirst();
        if (hook.isEmpty()) {
            return REFUSED + "the webhook is no longer configured";
        }
        Optional<Incident> incident = store.incident(n.incidentId());
        if (incident.isEmpty()) {
            return REFUSED + "incident " + n.incidentId() + " no longer exists";
        }
        URI uri = URI.create(n.target());
        if (!settings.allowPrivateWebhooks()) {
            try {
                for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                    String kind = AddressGuard.internalKind(a);
                    if (kind != null) {
                        return REFUSED + uri.getHost() + " resolves to " + a.getHostAddress() + ", a " + kind
                                + " address; webhooks may not reach it unless incidents.allowPrivateWebhooks is true";
                    }
                }
            } catch (java.net.UnknownHostException e) {
                return "cannot resolve " + uri.getHost();
            }
        }
        String body = body(hook.get(), n, incident.get());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Sluice-Incidents")
                .header("X-Sluice-Delivery", String.valueOf(n.id()))
                .header("X-Sluice-Event", n.event())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String secret =
                hook.get().secretEnv() == null ? null : System.getenv(hook.get().secretEnv());
        if (hook.get().secretEnv() != null && (secret == null || secret.isEmpty())) {
            return "the secret's environment variable " + hook.get().secretEnv() + " is not set";
        }
        if (secret != null) {
            request.header("X-Sluice-Signature", "sha256=" + hmac(secret, body));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "answered HTTP " + response.statusCode();
        } catch (IOException e) {
            return "cannot reach it: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static String body(IncidentSettings.Webhook hook, Notification n, Incident incident) {
        Map<String, Object> out = new LinkedHashMap<>();
        String headline = "[Sluice] " + n.event().toUpperCase(Locale.ROOT) + " " + incident.severity() + " "
                + incident.kind().label() + " (incident " + incident.id() + "): " + incident.summary();
        if (hook.format().equals("slack")) {
            out.put("text", headline);
        } else {
            out.put("event", n.event());
            out.put("delivery", n.id());
            out.put("text", headline);
            out.put("incident", IncidentViews.view(incident));
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("incident views are plain JSON values", e);
        }
    }

    private static String hmac(String secret, String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static List<String> targets(IncidentSettings settings) {
        return settings.webhooks().stream().map(IncidentSettings.Webhook::url).toList();
    }
}
