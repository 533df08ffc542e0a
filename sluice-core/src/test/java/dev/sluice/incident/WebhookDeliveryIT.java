package dev.sluice.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.llm.LlmCallRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks against a real receiver on 127.0.0.1: a receiver that fails and then recovers gets each
 * event exactly once, in Sluice's JSON or Slack's shape, signed when a secret is configured; the
 * private-address guard refuses loopback unless allowed; the detectors never wait for a receiver.
 */
class WebhookDeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private HttpServer receiver;
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        final AtomicLong millis =
                new AtomicLong(Instant.parse("2026-12-07T12:00:00Z").toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private String startReceiver(long delayMillis) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrived.countDown();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            if (status == 204) {
                received.add(Map.of(
                        "body", body,
                        "delivery", exchange.getRequestHeaders().getFirst("X-Sluice-Delivery"),
                        "event", exchange.getRequestHeaders().getFirst("X-Sluice-Event"),
                        "signature", String.valueOf(exchange.getRequestHeaders().getFirst("X-Sluice-Signature"))));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private KnowledgeBase knowledgeBase() {
        return KnowledgeBase.openOrCreate(EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, work.resolve("index"), "--index")));
    }

    /** Budget over its limit: a condition the test can create and clear with the clock alone. */
    private static IncidentSignals overBudget(KnowledgeBase kb) {
        return new ForwardingSignals(kb.incidentSignals()) {
            @Override
            public dev.sluice.llm.Budget.Limits budget() {
                return dev.sluice.llm.Budget.Limits.usd("0.01", "0", "0", "0");
            }
        };
    }

    private static void spend(KnowledgeBase kb, Clock clock) {
        kb.ledger()
                .recordLlmCall(new LlmCallRecord(
                        0,
                        clock.millis() - 1_000,
                        "answer",
                        "gpt-4o-mini",
                        "answer@1",
                        "",
                        10,
                        10,
                        20_000_000_000L,
                        5,
                        "ok",
                        1,
                        null));
    }

    @Test
    void should_deliver_each_event_once_to_a_receiver_that_fails_and_then_recovers() throws Exception {
        String url = startReceiver(0);
        failuresLeft.set(2);
        Hands clock = new Hands();
        try (KnowledgeBase kb = knowledgeBase()) {
            spend(kb, clock);
            IncidentSettings settings = IncidentSettings.DEFAULTS.withWebhooks(
                    List.of(new IncidentSettings.Webhook(url, "json", null)), true);
            IncidentMonitor monitor = new IncidentMonitor(overBudget(kb), settings, clock);
            Incident incident = monitor.check().opened().getFirst();
            assertThat(monitor.check().opened())
                    .as("a second check opens nothing")
                    .isEmpty();

            assertThat(monitor.deliver()).isEqualTo(new WebhookSender.Report(0, 1));
            assertThat(monitor.deliver())
                    .as("not due again before its retry time")
                    .isEqualTo(new WebhookSender.Report(0, 0));
            clock.millis.addAndGet(WebhookSender.FIRST_RETRY_MILLIS);
            assertThat(monitor.deliver()).isEqualTo(new WebhookSender.Report(0, 1));
            clock.millis.addAndGet(WebhookSender.FIRST_RETRY_MILLIS);
            assertThat(monitor.deliver())
                    .as("20 s after the second failure, not 10")
                    .isEqualTo(new WebhookSender.Report(0, 0));
            clock.millis.addAndGet(WebhookSender.FIRST_RETRY_MILLIS);
            assertThat(monitor.deliver()).isEqualTo(new WebhookSender.Report(1, 0));
            clock.millis.addAndGet(WebhookSender.LONGEST_RETRY_MILLIS);
            monitor.check();
            assertThat(monitor.deliver()).as("delivered: never sent again").isEqualTo(new WebhookSender.Report(0, 0));

            assertThat(received).hasSize(1);
            JsonNode body = JSON.readTree(received.getFirst().get("body"));
            assertThat(body.get("event").asText()).isEqualTo("opened");
            assertThat(body.get("incident").get("id").asLong()).isEqualTo(incident.id());
            assertThat(body.get("incident").get("kind").asText()).isEqualTo("budget");
            assertThat(body.get("incident").get("evidence").get("budgetUsd").asDouble())
                    .isEqualTo(0.01);
            assertThat(body.get("text").asText()).contains("OPENED", "critical", "budget");
            assertThat(received.getFirst().get("event")).isEqualTo("opened");
            assertThat(received.getFirst().get("delivery"))
                    .isEqualTo(body.get("delivery").asText());
            assertThat(kb.incidentStore().notifications(incident.id()))
                    .singleElement()
                    .satisfies(n -> {
                        assertThat(n.attempts()).isEqualTo(2);
                        assertThat(n.deliveredMillis()).isPositive();
                    });

            clock.millis.addAndGet(java.time.Duration.ofDays(1).toMillis()); // a new day: the spend is yesterday's
            assertThat(monitor.check().resolved()).extracting(Incident::id).containsExactly(incident.id());
            assertThat(monitor.deliver()).isEqualTo(new WebhookSender.Report(1, 0));
            assertThat(received).hasSize(2);
            assertThat(received.get(1).get("event")).isEqualTo("resolved");
        }
    }

    @Test
    void should_send_slack_bodies_signed_with_the_secret_when_one_is_configured() throws Exception {
        String url = startReceiver(0);
        Hands clock = new Hands();
        String secretEnv = System.getenv().containsKey("HOME") ? "HOME" : "PATH"; // any set variable serves as a secret
        try (KnowledgeBase kb = knowledgeBase()) {
            spend(kb, clock);
            IncidentSettings settings = IncidentSettings.DEFAULTS.withWebhooks(
                    List.of(new IncidentSettings.Webhook(url, "slack", secretEnv)), true);
            IncidentMonitor monitor = new IncidentMonitor(overBudget(kb), settings, clock);
            monitor.check();
            assertThat(monitor.deliver()).isEqualTo(new WebhookSender.Report(1, 0));
            String body = received.getFirst().get("body");
            assertThat(JSON.readTree(body).fieldNames()).toIterable().containsExactly("text");
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    System.getenv(secretEnv).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected =
                    "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            assertThat(received.getFirst().get("signature")).isEqualTo(expected);
        }
    }

    @Test
    void should_refuse_a_loopback_webhook_unless_private_addresses_are_allowed_and_not_retry_it() throws Exception {
        String url = startReceiver(0);
        Hands clock = new Hands();
        try (KnowledgeBase kb = knowledgeBase()) {
            spend(kb, clock);
            IncidentSettings settings = IncidentSettings.DEFAULTS.withWebhooks(
                    List.of(new IncidentSettings.Webhook(url, "json", null)), false);
            IncidentMonitor monitor = new IncidentMonitor(overBudget(kb), settings, clock);
            Incident incident = monitor.check().opened().getFirst();
            assertThat(monitor.deliver()).isEqualTo(new WebhookSender.Report(0, 1));
            assertThat(received).isEmpty();
            assertThat(kb.incidentStore()
                            .notifications(incident.id())
                            .getFirst()
                            .lastError())
                    .contains("127.0.0.1", "loopback", "incidents.allowPrivateWebhooks");
            clock.millis.addAndGet(WebhookSender.LONGEST_RETRY_MILLIS * 100);
            assertThat(monitor.deliver())
                    .as("a refused target is not retried")
                    .isEqualTo(new WebhookSender.Report(0, 0));
        }
    }

    @Test
    void should_check_without_waiting_for_a_slow_receiver() throws Exception {
        String url = startReceiver(3_000);
        Hands clock = new Hands();
        try (KnowledgeBase kb = knowledgeBase()) {
            spend(kb, clock);
            IncidentSettings settings = IncidentSettings.DEFAULTS.withWebhooks(
                    List.of(new IncidentSettings.Webhook(url, "json", null)), true);
            IncidentMonitor monitor = new IncidentMonitor(overBudget(kb), settings, clock);
            monitor.check();
            WebhookSender.Report[] report = new WebhookSender.Report[1];
            Thread delivering = Thread.ofVirtual().start(() -> report[0] = monitor.deliver());
            assertThat(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            monitor.check(); // while the receiver sits on the delivery
            monitor.check();
            assertThat((System.nanoTime() - started) / 1e6).isLessThan(2_000);
            assertThat(delivering.isAlive())
                    .as("the delivery is still waiting for the receiver")
                    .isTrue();
            delivering.join();
            assertThat(report[0]).isEqualTo(new WebhookSender.Report(1, 0));
        }
    }
}
