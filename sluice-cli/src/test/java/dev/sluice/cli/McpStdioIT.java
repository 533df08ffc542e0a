package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice mcp} as its own process, driven by the MCP SDK's stdio client: the local user reads
 * everything; with {@code --api-key-env} the agent reads what the key may; standard output carries only
 * JSON-RPC, and a malformed line is answered with a JSON-RPC error while the session goes on.
 */
class McpStdioIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    static Path index;
    static String engKey;

    @BeforeAll
    static void knowledgeBaseWithTwoTeams() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(
                docs.resolve("salaries.md"),
                "# Salaries\n\nThe zanzibar payroll bands for 2027 are confidential: band four starts at ninety"
                        + " thousand.\n");
        Files.writeString(docs.resolve("salaries.md.access.json"), "{\"groups\": [\"hr\"]}");
        Files.writeString(
                docs.resolve("deploy.md"),
                "# Deploy\n\nThe kubernetes deploy runbook: roll out with canaries, then watch the dashboards.\n");
        Files.writeString(docs.resolve("deploy.md.access.json"), "{\"groups\": [\"eng\"]}");
        index = work.resolve("index");
        SluiceCliIT.Run ingest = SluiceCliIT.run("ingest", docs.toString(), "--index", index.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        SluiceCliIT.Run created = SluiceCliIT.run(
                "keys",
                "create",
                "--principal",
                "erin",
                "--groups",
                "eng",
                "--scopes",
                "query",
                "--index",
                index.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        engKey = created.out().strip();
    }

    /** {@code java ... SluiceCli mcp --index INDEX FLAGS}, as a client's configuration would start it. */
    static List<String> command(String... flags) {
        List<String> command = new ArrayList<>(List.of(
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-Dfile.encoding=UTF-8",
                "-cp",
                System.getProperty("java.class.path"),
                SluiceCli.class.getName(),
                "mcp",
                "--index",
                index.toString()));
        command.addAll(List.of(flags));
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static McpSyncClient client(Map<String, String> env, String... flags) {
        ServerParameters server =
                ServerParameters.builder(java()).args(command(flags)).env(env).build();
        McpSyncClient client = McpClient.sync(new StdioClientTransport(server, new JacksonMcpJsonMapper(JSON)))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60))
                .build();
        client.initialize();
        return client;
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    static JsonNode structured(McpSchema.CallToolResult result) {
        return JSON.valueToTree(result.structuredContent());
    }

    @Test
    void should_serve_every_tool_over_stdio_with_the_local_users_full_access() {
        try (McpSyncClient client = client(Map.of())) {
            assertThat(client.getServerInfo().name()).isEqualTo("sluice");
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactly("search", "ask", "get_document", "status");
            McpSchema.CallToolResult search =
                    call(client, "search", Map.of("query", "zanzibar payroll", "mode", "bm25", "k", 5));
            assertThat(search.isError()).as(text(search)).isFalse();
            JsonNode first = structured(search).at("/results/0");
            assertThat(first.get("path").asText()).isEqualTo("salaries.md");
            assertThat(text(search))
                    .contains("ninety thousand")
                    .contains("chunk " + first.get("chunkId").asText());

            McpSchema.CallToolResult document = call(
                    client, "get_document", Map.of("id", first.get("documentId").asText()));
            assertThat(structured(document).get("text").asText()).contains("band four starts at ninety thousand");
            McpSchema.CallToolResult status = call(client, "status", Map.of());
            assertThat(structured(status).at("/sources/0/documents").asInt()).isEqualTo(2);
            assertThat(structured(status).get("openIncidents").isArray()).isTrue();

            McpSchema.CallToolResult ask = call(client, "ask", Map.of("question", "what are the payroll bands?"));
            assertThat(ask.isError()).isTrue();
            assertThat(text(ask)).startsWith("ask needs a language model and none is configured: add an llm section");
        }
    }

    @Test
    void should_limit_the_agent_to_what_its_key_may_read_when_given_an_api_key_variable() {
        try (McpSyncClient client = client(Map.of("SLUICE_AGENT_KEY", engKey), "--api-key-env", "SLUICE_AGENT_KEY")) {
            McpSchema.CallToolResult hidden =
                    call(client, "search", Map.of("query", "zanzibar payroll", "mode", "bm25", "k", 5));
            assertThat(structured(hidden).get("results")).isEmpty();
            assertThat(text(hidden)).startsWith("No results for 'zanzibar payroll'");
            McpSchema.CallToolResult own = call(client, "search", Map.of("query", "kubernetes deploy", "mode", "bm25"));
            assertThat(structured(own).at("/results/0/path").asText()).isEqualTo("deploy.md");
            assertThat(text(call(client, "get_document", Map.of("id", "salaries.md"))))
                    .isEqualTo("no document or chunk 'salaries.md' in the knowledge base");
            assertThat(structured(call(client, "status", Map.of()))
                            .get("incidentsNote")
                            .asText())
                    .contains("ingest or admin scope");
        }
    }

    @Test
    void should_answer_every_request_before_stopping_when_the_client_closes_its_end_at_once() throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(command());
        Process process = new ProcessBuilder(command)
                .redirectError(work.resolve("piped.err").toFile())
                .start();
        try (OutputStream in = process.getOutputStream()) { // as `printf ... | sluice mcp` does
            for (String line : List.of(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"pipe\",\"version\":\"0\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search\","
                            + "\"arguments\":{\"query\":\"salary bands\",\"k\":1}}}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        List<JsonNode> replies = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                replies.add(JSON.readTree(line));
            }
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroy();
        }

        assertThat(process.exitValue()).isZero();
        assertThat(replies).extracting(r -> r.path("id").asInt()).containsExactlyInAnyOrder(1, 2);
        assertThat(replies).anySatisfy(r -> {
            assertThat(r.get("id").asInt()).isEqualTo(2);
            assertThat(r.at("/result/isError").asBoolean()).isFalse();
            assertThat(r.at("/result/structuredContent/results/0/path").asText())
                    .isEqualTo("salaries.md");
        });
    }

    @Test
    void should_answer_malformed_lines_with_json_rpc_errors_and_keep_the_session_going() throws Exception {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(command());
        Process process = new ProcessBuilder(command)
                .redirectError(work.resolve("raw.err").toFile())
                .start();
        List<JsonNode> replies = new ArrayList<>();
        java.util.Set<Integer> answered = new java.util.HashSet<>();
        OutputStream in = process.getOutputStream();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String huge = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":{\"pad\":\""
                    + "x".repeat(1_100_000) + "\"}}";
            for (String line : List.of(
                    "{not json",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"0\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "[1, 2]",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"search\","
                            + "\"arguments\":\"everything\"}}",
                    huge,
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"search\","
                            + "\"arguments\":{\"query\":\"tides\",\"k\":1000}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"no/such/method\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"}")) {
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode reply = JSON.readTree(line); // every line of standard output is JSON-RPC
                replies.add(reply);
                answered.add(reply.path("id").asInt());
                if (answered.containsAll(List.of(1, 2, 3, 4, 6))) {
                    break; // every request with a readable id has its answer
                }
            }
            in.close();
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("stops when standard input ends")
                    .isTrue();
        } finally {
            process.destroy();
        }
        assertThat(process.exitValue()).isZero();
        assertThat(replies).anySatisfy(r -> {
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32700);
            assertThat(r.get("id").isNull()).isTrue();
        });
        assertThat(replies)
                .anySatisfy(r -> assertThat(r.at("/error/message").asText()).contains("batches"));
        assertThat(replies).anySatisfy(r -> {
            assertThat(r.get("id").asInt()).isEqualTo(2);
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
            assertThat(r.at("/error/message").asText()).contains("arguments must be an object");
        });
        assertThat(replies)
                .anySatisfy(r -> assertThat(r.at("/error/message").asText()).contains("longer than 1048576 bytes"));
        assertThat(replies).anySatisfy(r -> {
            assertThat(r.get("id").asInt()).isEqualTo(3);
            assertThat(r.at("/result/isError").asBoolean()).isTrue();
            assertThat(r.at("/result/content/0/text").asText())
                    .isEqualTo("k must be a whole number from 1 to 100, got 1000");
        });
        assertThat(replies).anySatisfy(r -> {
            assertThat(r.get("id").asInt()).isEqualTo(4);
            assertThat(r.at("/error/code").asInt()).isEqualTo(-32601);
        });
        assertThat(replies)
                .anySatisfy(r -> assertThat(r.at("/result/tools").size()).isEqualTo(4));
        assertThat(Files.readString(work.resolve("raw.err"))).doesNotContain("\tat ");
    }

    @Test
    void should_exit_2_naming_the_variable_when_the_api_key_variable_is_unset_or_invalid() {
        SluiceCliIT.Run unset =
                SluiceCliIT.run("mcp", "--index", index.toString(), "--api-key-env", "SLUICE_NO_SUCH_VARIABLE");
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err()).contains("--api-key-env names SLUICE_NO_SUCH_VARIABLE, which is not set");
        assertThat(unset.out()).isEmpty();
    }
}
