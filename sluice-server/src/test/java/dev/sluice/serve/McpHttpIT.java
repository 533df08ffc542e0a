package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.mcp.SluiceMcp;
import dev.sluice.testkit.ScriptedOpenAiServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mcp} of the real service, driven by the MCP SDK's own streamable HTTP client: two tenants
 * (hr and eng) over one index, each with its key; the real model and index; a scripted model for
 * {@code ask}. What one key's tools, resources and status show never includes the other's documents,
 * and a hidden document answers exactly as a missing one.
 */
class McpHttpIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYROLL = "zanzibar payroll bands";

    @TempDir
    static Path work;

    static ScriptedOpenAiServer model;
    static SluiceServer server;
    static String base;
    static String hrKey;
    static String engKey;
    static String adminKey;
    static String hrDocument;
    static String engDocument;

    @BeforeAll
    static void twoTenantsBehindTheService() throws Exception {
        model = new ScriptedOpenAiServer();
        TestServers.twoTenants(work);
        Files.writeString(
                work.resolve("sluice.yaml"),
                "llm:\n  baseUrl: " + model.baseUrl() + "\n  model: gpt-4o-mini\n",
                java.nio.file.StandardOpenOption.APPEND);
        SluiceConfig config = ConfigLoader.load(work.resolve("sluice.yaml"));
        Path index = config.index();
        try (KnowledgeBase kb = TestServers.knowledgeBase(config, index)) {
            kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
            long now = System.currentTimeMillis();
            hrKey = ApiKeys.create(kb.keys(), "harriet", List.of("hr"), List.of("query"), now)
                    .key();
            engKey = ApiKeys.create(kb.keys(), "erin", List.of("eng"), List.of("query"), now)
                    .key();
            adminKey = ApiKeys.create(kb.keys(), "ada", List.of("hr", "eng"), List.of("query", "ingest", "admin"), now)
                    .key();
            for (var d : kb.documents().values()) {
                if (d.source().equals("hr")) {
                    hrDocument = d.uri();
                } else {
                    engDocument = d.uri();
                }
            }
        }
        server = TestServers.start(config, index, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(1000, 1000));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (model != null) {
            model.close();
        }
    }

    static McpSyncClient client(String key) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
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

    static List<String> sources(McpSchema.CallToolResult search) {
        List<String> out = new ArrayList<>();
        structured(search).get("results").forEach(r -> out.add(r.get("source").asText()));
        return out;
    }

    @Test
    void should_list_the_four_tools_with_their_limits_and_the_document_template_when_a_key_initializes() {
        try (McpSyncClient client = client(hrKey)) {
            assertThat(client.getServerInfo().name()).isEqualTo("sluice");
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools)
                    .extracting(McpSchema.Tool::name)
                    .containsExactly("search", "ask", "get_document", "status");
            JsonNode search = JSON.valueToTree(tools.getFirst().inputSchema());
            assertThat(search.at("/properties/k/maximum").asInt()).isEqualTo(100);
            assertThat(search.at("/properties/query/maxLength").asInt()).isEqualTo(2000);
            assertThat(search.at("/required/0").asText()).isEqualTo("query");
            assertThat(client.listResourceTemplates().resourceTemplates())
                    .extracting(McpSchema.ResourceTemplate::uriTemplate)
                    .containsExactly("sluice://document/{id}");
        }
    }

    @Test
    void should_search_with_citations_as_text_for_the_model_and_as_structured_content() {
        try (McpSyncClient client = client(hrKey)) {
            McpSchema.CallToolResult result =
                    call(client, "search", Map.of("query", PAYROLL, "k", 3, "mode", "hybrid"));
            assertThat(result.isError()).as(text(result)).isFalse();
            JsonNode first = structured(result).get("results").get(0);
            assertThat(first.get("source").asText()).isEqualTo("hr");
            assertThat(first.get("documentId").asText()).isEqualTo(hrDocument);
            assertThat(first.get("chunkId").asText()).isNotBlank();
            assertThat(first.get("title").asText()).isEqualTo("Salaries");
            assertThat(first.get("section").asText()).isEqualTo("Salaries");
            assertThat(first.get("text").asText()).contains("ninety thousand");
            assertThat(text(result))
                    .startsWith("[1] Salaries — hr:salaries.md § Salaries (document " + hrDocument + ", chunk ")
                    .contains("ninety thousand");
        }
    }

    @Test
    void should_never_show_one_key_the_documents_of_another_in_search_documents_resources_or_status() {
        try (McpSyncClient eng = client(engKey)) {
            for (String mode : List.of("bm25", "dense", "hybrid")) {
                McpSchema.CallToolResult search = call(eng, "search", Map.of("query", PAYROLL, "k", 50, "mode", mode));
                assertThat(sources(search)).as(mode).doesNotContain("hr");
                assertThat(text(search)).doesNotContain("ninety");
            }
            McpSchema.CallToolResult hidden = call(eng, "get_document", Map.of("id", hrDocument));
            McpSchema.CallToolResult missing = call(eng, "get_document", Map.of("id", "file:///no/such.md"));
            assertThat(hidden.isError()).isTrue();
            assertThat(text(hidden))
                    .isEqualTo(text(missing).replace("file:///no/such.md", hrDocument))
                    .isEqualTo("no document or chunk '" + hrDocument + "' in the knowledge base");
            assertThat(text(call(eng, "get_document", Map.of("id", "salaries.md"))))
                    .isEqualTo("no document or chunk 'salaries.md' in the knowledge base");
            assertThatThrownBy(() -> eng.readResource(
                            McpSchema.ReadResourceRequest.builder(SluiceMcp.documentResource(hrDocument))
                                    .build()))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining("no document or chunk")
                    .hasMessageNotContaining("ninety");
            JsonNode status = structured(call(eng, "status", Map.of()));
            for (JsonNode s : status.get("sources")) {
                assertThat(s.get("documents").asInt())
                        .as(s.get("name").asText())
                        .isEqualTo(s.get("name").asText().equals("eng") ? 1 : 0);
            }
            assertThat(status.get("openIncidents").isNull()).isTrue();
            McpSchema.ReadResourceResult own =
                    eng.readResource(McpSchema.ReadResourceRequest.builder(SluiceMcp.documentResource(engDocument))
                            .build());
            assertThat(((McpSchema.TextResourceContents) own.contents().getFirst()).text())
                    .contains("kubernetes deploy runbook");
        }
    }

    @Test
    void should_read_a_document_and_one_chunk_with_their_lineage() {
        try (McpSyncClient hr = client(hrKey)) {
            McpSchema.CallToolResult document = call(hr, "get_document", Map.of("id", hrDocument));
            assertThat(document.isError()).as(text(document)).isFalse();
            JsonNode body = structured(document);
            assertThat(body.get("text").asText()).contains("band four starts at ninety thousand");
            assertThat(body.get("status").asText()).isEqualTo("indexed");
            assertThat(body.at("/run/status").asText()).isEqualTo("ok");
            String chunkId = body.at("/chunks/0/chunkId").asText();
            JsonNode chunk = structured(call(hr, "get_document", Map.of("id", chunkId)));
            assertThat(chunk.get("chunkId").asText()).isEqualTo(chunkId);
            assertThat(chunk.get("documentId").asText()).isEqualTo(hrDocument);
            assertThat(chunk.get("text").asText()).contains("ninety thousand");
            JsonNode cut = structured(call(hr, "get_document", Map.of("id", hrDocument, "maxChars", 10)));
            assertThat(cut.get("text").asText()).hasSize(10);
            assertThat(cut.get("truncated").asBoolean()).isTrue();
        }
    }

    @Test
    void should_answer_with_checked_citations_through_the_configured_model() {
        model.then(
                ScriptedOpenAiServer.ok("Band four of the zanzibar payroll starts at ninety thousand [1].", 500, 20));
        try (McpSyncClient hr = client(hrKey)) {
            McpSchema.CallToolResult answer = call(hr, "ask", Map.of("question", "what are the " + PAYROLL + "?"));
            assertThat(answer.isError()).as(text(answer)).isFalse();
            JsonNode body = structured(answer);
            assertThat(body.get("kind").asText()).isEqualTo("model");
            assertThat(body.at("/citations/0/source").asText()).isEqualTo("hr");
            assertThat(body.at("/citations/0/documentId").asText()).isEqualTo(hrDocument);
            assertThat(text(answer)).contains("ninety thousand [1]").contains("Citations:\n[1] Salaries");
        }
    }

    @Test
    void should_show_open_incidents_only_to_keys_that_run_the_knowledge_base() {
        try (McpSyncClient admin = client(adminKey)) {
            McpSchema.CallToolResult status = call(admin, "status", Map.of());
            assertThat(structured(status).get("openIncidents").isArray()).isTrue();
            assertThat(text(status)).contains("- hr: 1 documents").contains("- eng: 1 documents");
        }
    }

    @Test
    void should_answer_bad_arguments_and_unknown_tools_with_errors_that_name_the_fix() {
        try (McpSyncClient client = client(hrKey)) {
            assertThat(text(call(client, "search", Map.of("query", "x", "k", 500))))
                    .isEqualTo("k must be a whole number from 1 to 100, got 500");
            assertThat(text(call(client, "search", Map.of("query", "x", "k", "ten"))))
                    .isEqualTo("k must be a whole number from 1 to 100, got 'ten'");
            assertThat(text(call(client, "search", Map.of("query", "x".repeat(3000)))))
                    .isEqualTo("query must be at most 2000 characters, got 3000");
            assertThat(text(call(client, "search", Map.of("query", "x", "mode", "fuzzy"))))
                    .isEqualTo("mode must be one of bm25, dense, hybrid, got 'fuzzy'");
            assertThat(text(call(client, "search", Map.of("q", "x"))))
                    .startsWith("unknown argument 'q'; search takes ");
            assertThat(text(call(client, "search", Map.of()))).startsWith("query is required");
            assertThat(text(call(client, "get_document", Map.of("id", List.of("a")))))
                    .isEqualTo("id must be a string, got a list");
            assertThatThrownBy(() -> call(client, "drop_tables", Map.of()))
                    .isInstanceOfSatisfying(McpError.class, e -> {
                        assertThat(e.getJsonRpcError().code()).isEqualTo(-32602);
                        assertThat(String.valueOf(e.getJsonRpcError().data())).contains("drop_tables");
                    });
        }
    }

    static HttpResponse<String> post(String key, String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void should_refuse_a_missing_or_invalid_key_with_401_before_any_mcp_processing() throws Exception {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
        HttpResponse<String> none = post(null, initialize, "application/json, text/event-stream");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("code").asText()).isEqualTo("unauthenticated");
        HttpResponse<String> wrong = post("sk_sluice_nope", "{not json", "application/json, text/event-stream");
        assertThat(wrong.statusCode()).as("the key first, the body never read").isEqualTo(401);
        assertThatThrownBy(() -> client("sk_sluice_forged").close()).isInstanceOf(RuntimeException.class);
    }

    @Test
    void should_answer_malformed_and_oversized_json_rpc_with_json_rpc_errors_and_no_stack_trace() throws Exception {
        String accept = "application/json, text/event-stream";
        HttpResponse<String> notJson = post(hrKey, "{\"jsonrpc\": \"2.0\", \"method\": ", accept);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).at("/error/code").asInt()).isEqualTo(-32700);
        HttpResponse<String> batch = post(hrKey, "[]", accept);
        assertThat(JSON.readTree(batch.body()).at("/error/message").asText()).contains("batches are not supported");
        HttpResponse<String> noVersion = post(hrKey, "{\"id\": 7, \"method\": \"tools/list\"}", accept);
        assertThat(JSON.readTree(noVersion.body()).at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(JSON.readTree(noVersion.body()).at("/id").asInt()).isEqualTo(7);
        HttpResponse<String> badParams =
                post(hrKey, "{\"jsonrpc\": \"2.0\", \"id\": 8, \"method\": \"tools/call\", \"params\": [1]}", accept);
        assertThat(JSON.readTree(badParams.body()).at("/error/code").asInt()).isEqualTo(-32602);
        HttpResponse<String> huge = post(
                hrKey,
                "{\"jsonrpc\": \"2.0\", \"id\": 9, \"method\": \"tools/call\", \"params\": {\"name\": \"search\","
                        + " \"arguments\": {\"query\": \"" + "x".repeat(2_000_000) + "\"}}}",
                accept);
        assertThat(huge.statusCode()).isEqualTo(413);
        HttpResponse<String> noAccept =
                post(hrKey, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "application/json");
        assertThat(noAccept.statusCode()).isEqualTo(406);
        HttpResponse<String> unknownMethod =
                post(hrKey, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such\"}", accept);
        assertThat(JSON.readTree(unknownMethod.body()).at("/error/code").asInt())
                .isEqualTo(-32601);
        HttpResponse<String> wrongArguments = post(
                hrKey,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"search\","
                        + "\"arguments\":\"all of it\"}}",
                accept);
        assertThat(wrongArguments.statusCode()).isLessThan(500);
        HttpResponse<String> badInitialize = post(
                hrKey,
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"initialize\",\"params\":{\"protocolVersion\":{\"x\":1},"
                        + "\"capabilities\":[]}}",
                accept);
        assertThat(JSON.readTree(badInitialize.body()).at("/error/code").isInt())
                .as(badInitialize.body())
                .isTrue();
        HttpResponse<String> otherResource = post(
                hrKey,
                "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"resources/read\",\"params\":{\"uri\":\"file:///etc/passwd\"}}",
                accept);
        assertThat(JSON.readTree(otherResource.body()).at("/error/code").isInt())
                .as(otherResource.body())
                .isTrue();
        for (HttpResponse<String> r : List.of(
                notJson,
                batch,
                noVersion,
                badParams,
                huge,
                noAccept,
                unknownMethod,
                wrongArguments,
                badInitialize,
                otherResource)) {
            assertThat(r.body()).doesNotContain("\tat ", "stackTrace", "Exception");
        }
    }

    @Test
    void should_list_the_mcp_route_in_the_openapi_document() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/openapi.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(JSON.readTree(body).at("/paths/~1mcp/post")).isNotNull();
            assertThat(JSON.readTree(body).at("/paths/~1mcp/post").isMissingNode())
                    .isFalse();
        }
    }
}
