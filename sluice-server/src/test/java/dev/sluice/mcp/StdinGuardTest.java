package dev.sluice.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdinGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Guarded(String passed, List<JsonNode> answered) {}

    static Guarded guard(String input, int maxLineBytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StdinGuard guard =
                new StdinGuard(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, maxLineBytes, 0);
        String passed = new String(guard.readAllBytes(), StandardCharsets.UTF_8);
        List<JsonNode> answered = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                answered.add(JSON.readTree(line));
            }
        }
        return new Guarded(passed, answered);
    }

    @Test
    void should_pass_json_rpc_lines_through_and_answer_every_other_line_with_a_json_rpc_error() throws Exception {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String note = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
        Guarded g = guard(
                String.join(
                        "\n",
                        "{oops",
                        ping,
                        "",
                        "42",
                        "[]",
                        "{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}",
                        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
                        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}",
                        "{\"jsonrpc\":\"2.0\",\"id\":4}",
                        note),
                1000);

        assertThat(g.passed()).isEqualTo(ping + "\n" + note + "\n");
        assertThat(g.answered())
                .extracting(a -> a.at("/error/code").asInt())
                .containsExactly(-32700, -32600, -32600, -32600, -32600, -32602, -32600);
        assertThat(g.answered().get(3).get("id").asText())
                .as("a readable id is echoed")
                .isEqualTo("a");
        assertThat(g.answered().get(3).at("/error/message").asText()).isEqualTo("jsonrpc must be \"2.0\"");
        assertThat(g.answered().get(5).at("/error/message").asText())
                .isEqualTo("tools/call needs params.name, the tool's name as a string");
    }

    @Test
    void should_skip_a_line_over_the_limit_and_go_on_with_the_next() throws Exception {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        Guarded g = guard("{\"pad\":\"" + "x".repeat(500) + "\"}\n" + ping, 100);

        assertThat(g.passed()).isEqualTo(ping + "\n");
        assertThat(g.answered())
                .singleElement()
                .satisfies(a -> assertThat(a.at("/error/message").asText())
                        .isEqualTo("the message is longer than 100 bytes; send smaller requests"));
    }

    @Test
    void should_hold_the_end_of_input_until_every_forwarded_request_is_answered() throws Exception {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}\n";
        StdinGuard guard = new StdinGuard(
                new ByteArrayInputStream(ping.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(),
                1000,
                10_000);
        assertThat(new String(guard.readNBytes(ping.length()), StandardCharsets.UTF_8))
                .as("the request, as the SDK reads it")
                .isEqualTo(ping);

        java.util.concurrent.CompletableFuture<Integer> end = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return guard.read();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        assertThat(end).as("no end of input while request 7 is unanswered").isNotDone();

        guard.out().write("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(end.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(-1);
    }
}
