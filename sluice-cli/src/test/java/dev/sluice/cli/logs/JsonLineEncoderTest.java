package dev.sluice.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLineEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext(); // not the process's: nothing here reconfigures it

    JsonLineEncoderTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private LoggingEvent event(String message, Throwable thrown) {
        LoggingEvent event = new LoggingEvent(
                JsonLineEncoderTest.class.getName(),
                context.getLogger("dev.sluice.serve.Http"),
                Level.WARN,
                message,
                thrown,
                new Object[0]);
        event.setInstant(Instant.parse("2026-12-04T09:15:02.311456Z"));
        event.setThreadName("sluice-worker");
        return event;
    }

    private static String encode(LoggingEvent event) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode json) {
        return json.properties().stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void should_write_one_line_of_json_with_timestamp_level_logger_thread_and_message() throws Exception {
        String line = encode(event("refused\nthe \"second\" line – ünïcode", null));

        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-04T09:15:02.311Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.sluice.serve.Http");
        assertThat(json.get("thread").asText()).isEqualTo("sluice-worker");
        assertThat(json.get("message").asText()).isEqualTo("refused\nthe \"second\" line – ünïcode");
        assertThat(json.has("exception")).isFalse();
        assertThat(json.has("requestId")).isFalse();
        assertThat(names(json)).containsExactly("timestamp", "level", "logger", "thread", "message");
    }

    @Test
    void should_put_the_request_and_trace_ids_then_key_values_as_fields_of_their_own() throws Exception {
        LoggingEvent event = event("GET /v1/search 200", null);
        event.setMDCPropertyMap(Map.of(
                "spanId", "00f067aa0ba902b7",
                "zone", "eu",
                "requestId", "abc-123",
                "traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
        event.setKeyValuePairs(new ArrayList<>());
        event.addKeyValuePair(new KeyValuePair("status", 200));
        event.addKeyValuePair(new KeyValuePair("durationMs", 12.5));
        event.addKeyValuePair(new KeyValuePair("bytes", 345L));
        event.addKeyValuePair(new KeyValuePair("path", "/v1/search"));
        event.addKeyValuePair(new KeyValuePair("level", "not a second level"));
        event.addKeyValuePair(new KeyValuePair("ratio", Double.NaN));

        JsonNode json = JSON.readTree(encode(event));

        assertThat(names(json))
                .as("fixed fields, the ids, the key-value pairs, the rest of the MDC; no name twice")
                .containsExactly(
                        "timestamp",
                        "level",
                        "logger",
                        "thread",
                        "message",
                        "requestId",
                        "traceId",
                        "spanId",
                        "status",
                        "durationMs",
                        "bytes",
                        "path",
                        "ratio",
                        "zone");
        assertThat(json.get("requestId").asText()).isEqualTo("abc-123");
        assertThat(json.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.get("status").isInt()).isTrue();
        assertThat(json.get("status").asInt()).isEqualTo(200);
        assertThat(json.get("durationMs").asDouble()).isEqualTo(12.5);
        assertThat(json.get("bytes").asLong()).isEqualTo(345L);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("ratio").asText()).as("not a JSON number: a string").isEqualTo("NaN");
        assertThat(json.get("zone").asText()).isEqualTo("eu");
    }

    @Test
    void should_render_an_exception_with_its_causes_as_one_string() throws Exception {
        IllegalStateException thrown = new IllegalStateException("index closed", new java.io.IOException("disk gone"));

        String line = encode(event("search failed", thrown));

        assertThat(line.strip()).doesNotContain("\n");
        String exception = JSON.readTree(line).get("exception").asText();
        assertThat(exception)
                .startsWith("java.lang.IllegalStateException: index closed")
                .contains("\tat dev.sluice.cli.logs.JsonLineEncoderTest")
                .contains("Caused by: java.io.IOException: disk gone");
    }
}
