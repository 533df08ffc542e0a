package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeys;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} against the real service: a real OpenAPI parser reads it without a message; it
 * lists exactly the routes Javalin registered; every route takes every parameter it declares with a
 * valid value and refuses an undeclared or wrong-typed one with the documented 400; and what every call
 * answers is valid against the schema the document declares for its status, strictly (no undeclared
 * field).
 */
class OpenApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static SluiceServer server;
    private static HttpClient http;
    private static String base;
    private static String admin; // every scope, group hr
    private static ApiContract contract;
    private static final Map<String, String> IDS = new java.util.HashMap<>();
    /** A valid body for each route that takes JSON, for this corpus. */
    private static final Map<String, String> SAMPLE_BODIES = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        var config = TestServers.twoTenants(work);
        KnowledgeBase kb = TestServers.knowledgeBase(config, config.index());
        admin = ApiKeys.create(
                        kb.keys(),
                        "harriet",
                        List.of("hr"),
                        List.of("query", "ingest", "admin"),
                        System.currentTimeMillis())
                .key();
        server = SluiceServer.start(kb, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(10_000, 10_000));
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newHttpClient();
        JsonNode sync = json(send("POST", "/v1/sources/*/sync?wait=true", null));
        IDS.put("/v1/jobs/{id}", sync.at("/job/id").asText());
        IDS.put("/v1/runs/{id}", sync.at("/job/report/runId").asText());
        IDS.put(
                "/v1/traces/{id}",
                json(send("GET", "/v1/search?q=payroll", null)).get("traceId").asText());
        IDS.put("/v1/sources/{name}/sync", "hr");
        String salaries = work.resolve("hr/salaries.md").toUri().toString();
        SAMPLE_BODIES.put(
                "post /v1/ask", "{\"question\": \"what are the payroll bands?\", \"k\": 3, \"stream\": false}");
        SAMPLE_BODIES.put(
                "post /v1/feedback",
                "{\"answerId\": \"ans_000000000000000000000000\", \"rating\": \"up\", \"comment\": \"clear\"}");
        SAMPLE_BODIES.put(
                "post /v1/diagnose",
                "{\"question\": \"what are the payroll bands?\", \"expect\": \"" + salaries
                        + "\", \"expectText\": \"band four\"}");
        SAMPLE_BODIES.put("post /v1/review/{id}/resolve", "{\"resolution\": \"both-valid\", \"note\": \"both hold\"}");
        contract = new ApiContract(send("GET", "/openapi.json", null).body());
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(String method, String pathAndQuery, String jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + admin)
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }

    /** The answer to a route of the document, its path parameters filled with ids that exist where known. */
    private static HttpResponse<String> call(String route, String query) throws Exception {
        return call(route, query, null);
    }

    /** As {@link #call(String, String)} with this JSON body instead of the route's sample. */
    private static HttpResponse<String> call(String route, String query, String jsonBody) throws Exception {
        String method = route.substring(0, route.indexOf(' ')).toUpperCase(Locale.ROOT);
        String path = route.substring(route.indexOf(' ') + 1);
        String concrete = path.replaceAll("\\{\\w+}", IDS.getOrDefault(path, "1"));
        String url = concrete + (query.isEmpty() ? "" : "?" + query);
        JsonNode body = contract.operation(method, path).path("requestBody").path("content");
        if (body.has("multipart/form-data")) {
            return http.send(
                    ApiSamples.upload(
                            base + url,
                            admin,
                            Map.of("note.md", "# Note\n\nThe kiwi harvest.\n"),
                            Map.of("groups", "hr", "principals", "harriet")),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        String sample = SAMPLE_BODIES.get(method.toLowerCase(Locale.ROOT) + " " + path);
        return send(method, url, jsonBody != null ? jsonBody : body.has("application/json") ? sample : null);
    }

    private static boolean freeForm(String method, String path) {
        return contract.operation(method, path).path("x-sluice-free-form").asBoolean();
    }

    @Test
    void should_be_read_by_the_openapi_parser_without_errors_or_warnings() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result =
                new OpenAPIV3Parser().readContents(contract.document().toString(), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/v1/search", "/v1/ask", "/v1/documents");
        assertThat(result.getOpenAPI().getComponents().getSchemas())
                .containsKeys("Error", "SearchHit", "Answer", "Citation", "Diagnosis", "Incident", "QualityReport");
        Set<String> refs = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"\\$ref\":\"#/components/schemas/(\\w+)\"")
                .matcher(contract.document().toString());
        while (m.find()) {
            refs.add(m.group(1));
        }
        assertThat(ApiContract.names(contract.document().get("components").get("schemas")))
                .as("every reference resolves")
                .containsAll(refs);
    }

    @Test
    void should_list_exactly_the_routes_javalin_registered() {
        Set<String> registered = new TreeSet<>();
        for (var e : server.app().unsafe.internalRouter.allHttpHandlers()) {
            io.javalin.http.HandlerType type = e.endpoint.method;
            if (type.isHttpMethod() && !dev.sluice.serve.ui.Dashboard.owns(e.endpoint.path)) {
                registered.add(type.name().toLowerCase(Locale.ROOT) + " " + e.endpoint.path);
            }
        }

        assertThat(new TreeSet<>(contract.routes())).isEqualTo(registered);
    }

    @Test
    void should_take_every_declared_parameter_with_a_valid_value_and_answer_as_documented() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String route : contract.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            if (freeForm(method, path)) {
                continue; // a protocol in its body (MCP): McpHttpIT speaks it
            }
            List<String> query = new ArrayList<>();
            for (JsonNode p : contract.operation(method, path).path("parameters")) {
                if (p.get("in").asText().equals("query")) {
                    query.add(p.get("name").asText() + "=" + enc(ApiSamples.valid(p)));
                }
            }
            HttpResponse<String> r = call(route, String.join("&", query));
            if (r.statusCode() == 400 || r.statusCode() >= 500) {
                problems.add(route + " with " + query + " answered " + r.statusCode() + ": " + r.body());
            }
            problems.addAll(contract.problems(method, path, r));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void should_refuse_an_undeclared_parameter_with_the_documented_400_naming_it() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String route : contract.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            if (freeForm(method, path)) {
                continue; // its query string is not checked, as the document says
            }
            HttpResponse<String> r = call(route, "colour=blue");
            if (r.statusCode() != 400 || !r.body().contains("unknown parameter 'colour'")) {
                problems.add(route + " answered " + r.statusCode() + ": " + r.body());
            }
            problems.addAll(contract.problems(method, path, r));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void should_refuse_a_wrong_typed_or_missing_value_of_every_parameter_with_the_documented_400() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String route : contract.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            List<JsonNode> params = new ArrayList<>();
            contract.operation(method, path).path("parameters").forEach(p -> {
                if (p.get("in").asText().equals("query")) {
                    params.add(p);
                }
            });
            for (JsonNode p : params) {
                for (String bad : ApiSamples.invalid(p)) {
                    List<String> query = new ArrayList<>();
                    for (JsonNode other : params) {
                        if (other != p && other.get("required").asBoolean()) {
                            query.add(other.get("name").asText() + "=" + enc(ApiSamples.valid(other)));
                        }
                    }
                    if (bad != null) {
                        query.add(p.get("name").asText() + "=" + enc(bad));
                    }
                    HttpResponse<String> r = call(route, String.join("&", query));
                    checked++;
                    String name = p.get("name").asText();
                    if (r.statusCode() != 400
                            || !JSON.readTree(r.body()).get("message").asText().startsWith(name)) {
                        problems.add(route + " with " + query + " answered " + r.statusCode() + ": " + r.body());
                    }
                    problems.addAll(contract.problems(method, path, r));
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(checked).as("bad values sent").isGreaterThan(30);
    }

    @Test
    void should_find_example_and_sample_bodies_valid_and_refuse_invalid_ones_as_the_server_does() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String route : contract.routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1);
            JsonNode media = contract.operation(method, path)
                    .path("requestBody")
                    .path("content")
                    .path("application/json");
            if (media.isMissingNode() || !media.path("schema").has("$ref")) {
                continue;
            }
            String schema = media.get("schema").get("$ref").asText().replace("#/components/schemas/", "");
            problems.addAll(
                    contract.validateComponent(schema, media.get("example").toString()).stream()
                            .map(e -> route + " example: " + e)
                            .toList());
            problems.addAll(contract.validateComponent(schema, SAMPLE_BODIES.get(route)).stream()
                    .map(e -> route + " sample: " + e)
                    .toList());
            JsonNode sample = JSON.readTree(SAMPLE_BODIES.get(route));
            List<String> invalid = new ArrayList<>();
            invalid.add(((com.fasterxml.jackson.databind.node.ObjectNode) sample.deepCopy())
                    .put("colour", "blue")
                    .toString());
            invalid.add("[1, 2]");
            var first = sample.properties().iterator().next();
            invalid.add(((com.fasterxml.jackson.databind.node.ObjectNode) sample.deepCopy())
                    .set(first.getKey(), JSON.createArrayNode())
                    .toString());
            for (String body : invalid) {
                if (contract.validateComponent(schema, body).isEmpty()) {
                    problems.add(route + ": the schema takes " + body);
                }
                HttpResponse<String> r = call(route, "", body);
                if (r.statusCode() != 400) {
                    problems.add(route + ": the server answered " + r.statusCode() + " to " + body + ": " + r.body());
                }
                problems.addAll(contract.problems(method, path, r));
            }
        }

        assertThat(problems).isEmpty();
        assertThat(SAMPLE_BODIES).hasSize(4);
    }

    @Test
    void should_answer_real_calls_with_bodies_valid_against_their_schemas() throws Exception {
        String salaries = work.resolve("hr/salaries.md").toUri().toString();
        List<String> problems = new ArrayList<>();
        HttpResponse<String> answer =
                send("POST", "/v1/ask", "{\"question\": \"what are the zanzibar payroll bands?\"}");
        problems.addAll(contract.problems("post", "/v1/ask", answer));
        String answerId = json(answer).get("id").asText();
        HttpResponse<String> feedback = send(
                "POST",
                "/v1/feedback",
                "{\"answerId\": \"" + answerId + "\", \"rating\": \"down\", \"expect\": \"" + salaries + "\"}");
        assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(201);
        problems.addAll(contract.problems("post", "/v1/feedback", feedback));
        HttpResponse<String> upload = http.send(
                ApiSamples.upload(
                        base + "/v1/documents?wait=true",
                        admin,
                        Map.of("kiwi.md", "# Kiwi\n\nThe kiwi harvest.\n"),
                        Map.of()),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        problems.addAll(contract.problems("post", "/v1/documents", upload));
        String kiwi = json(upload).at("/documents/0/uri").asText();
        for (String[] call : new String[][] {
            {"get", "/v1/search", "/v1/search?q=payroll+bands&mode=hybrid"},
            {"get", "/v1/feedback", "/v1/feedback"},
            {"get", "/v1/documents", "/v1/documents"},
            {"get", "/v1/documents", "/v1/documents?uri=" + enc(salaries)},
            {"get", "/v1/runs", "/v1/runs"},
            {"get", "/v1/runs/{id}", "/v1/runs/" + IDS.get("/v1/runs/{id}")},
            {"get", "/v1/jobs", "/v1/jobs"},
            {"get", "/v1/sources", "/v1/sources"},
            {"get", "/v1/status", "/v1/status"},
            {"get", "/v1/traces", "/v1/traces"},
            {"get", "/v1/traces/{id}", "/v1/traces/" + IDS.get("/v1/traces/{id}")},
            {"get", "/v1/quality", "/v1/quality"},
            {"get", "/v1/incidents", "/v1/incidents?all=true"},
            {"get", "/v1/review", "/v1/review?status=all"},
            {"get", "/v1/eval/runs", "/v1/eval/runs"},
            {"delete", "/v1/documents", "/v1/documents?wait=true&uri=" + enc(kiwi)},
            {"get", "/healthz", "/healthz"},
            {"get", "/readyz", "/readyz"}
        }) {
            HttpResponse<String> r = send(call[0].toUpperCase(Locale.ROOT), call[2], null);
            assertThat(r.statusCode()).as(call[2] + ": " + r.body()).isBetween(200, 299);
            problems.addAll(contract.problems(call[0], call[1], r));
        }
        HttpResponse<String> check = send("POST", "/v1/incidents/check", null);
        problems.addAll(contract.problems("post", "/v1/incidents/check", check));
        for (JsonNode incident : json(check).get("open")) {
            String id = incident.get("id").asText();
            problems.addAll(contract.problems("get", "/v1/incidents/{id}", send("GET", "/v1/incidents/" + id, null)));
            problems.addAll(contract.problems(
                    "post", "/v1/incidents/{id}/ack", send("POST", "/v1/incidents/" + id + "/ack", null)));
        }

        assertThat(problems).isEmpty();
        assertThat(contract.validateComponent("Error", "{\"code\": \"x\", \"message\": \"y\", \"extra\": 1}"))
                .as("the check refuses a field the document does not declare")
                .isNotEmpty();
    }

    @Test
    void should_stream_an_answer_whose_answer_event_is_a_documented_answer() throws Exception {
        HttpResponse<String> r =
                send("POST", "/v1/ask", "{\"question\": \"what are the payroll bands?\", \"stream\": true}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(contract.problems("post", "/v1/ask", r)).isEmpty();
        String data = r.body()
                .lines()
                .dropWhile(line -> !line.equals("event: answer"))
                .skip(1)
                .findFirst()
                .orElseThrow()
                .substring("data: ".length());
        assertThat(contract.validate(
                        contract.operation("post", "/v1/ask").at("/responses/200/content/application~1json/schema"),
                        data))
                .isEmpty();
        assertThat(r.body()).endsWith("event: done\ndata: {}\n\n");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
