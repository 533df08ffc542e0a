package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep {@code /openapi.json} and the handlers one thing: handlers read requests only
 * through their declarations; a route's path and its declared path parameters agree; a free-form
 * route (a protocol such as MCP) is listed in a document the OpenAPI parser reads cleanly.
 */
class ApiDeclarationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads that would go around a declaration: a parameter, a form field or a JSON body by name. */
    private static final Pattern DIRECT_READ = Pattern.compile(
            "ctx\\.(queryParam|queryParams|pathParam|formParam|queryParamMap|formParamMap)\\(|Http\\.object\\(");

    @Test
    void should_read_no_parameter_or_body_except_through_its_declaration() throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/sluice/serve"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("ApiParam.java") || name.equals("ApiOperation.java") || name.equals("Http.java")) {
                    continue; // the declarations themselves
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (DIRECT_READ.matcher(lines.get(i)).find()) {
                        found.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }

        assertThat(found)
                .as("read through ApiParam.get/all, ApiOperation.jsonBody/formField")
                .isEmpty();
    }

    @Test
    void should_list_a_free_form_route_with_any_json_body_in_a_document_the_parser_reads_cleanly() throws Exception {
        List<SluiceServer.Route> table = List.of(
                new SluiceServer.Route("get", "/healthz", null, OpsApi.HEALTHZ, ctx -> {}),
                new SluiceServer.Route("post", "/mcp", "query", "Model Context Protocol (JSON-RPC 2.0)", ctx -> {}));

        String document = OpenApi.document(table);

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        assertThat(new OpenAPIV3Parser().readContents(document, null, options).getMessages())
                .isEmpty();
        JsonNode mcp = JSON.readTree(document).at("/paths/~1mcp/post");
        assertThat(mcp.at("/requestBody/content/application~1json/schema").isEmpty())
                .isTrue();
        assertThat(mcp.get("operationId").asText()).isEqualTo("post_mcp");
        assertThat(mcp.at("/x-sluice-free-form").asBoolean())
                .as("its query string is not checked: marked free-form")
                .isTrue();
        assertThat(mcp.at("/responses/400/description").asText())
                .as("a 400 is the protocol's own error, not an unknown query parameter")
                .contains("protocol's own error object");
        assertThat(mcp.at("/responses/401").isMissingNode()).isFalse();
    }

    @Test
    void should_refuse_to_start_a_route_whose_path_parameters_its_operation_does_not_declare() {
        List<SluiceServer.Route> table = List.of(new SluiceServer.Route(
                "get", "/v1/jobs/{id}", "ingest", ApiOperation.of("getJob", "One job"), ctx -> {}));

        assertThatThrownBy(() -> OpenApi.document(table))
                .hasMessageContaining(
                        "GET /v1/jobs/{id}".toLowerCase(java.util.Locale.ROOT).replace("get", "get"))
                .hasMessageContaining("declare each with ApiParam.path");
    }

    @Test
    void should_describe_a_parameter_with_its_type_bounds_default_and_values() {
        Map<String, Object> k = QueryApi.K.openApi();
        Map<String, Object> mode = QueryApi.MODE.openApi();
        Map<String, Object> source = QueryApi.SOURCE.openApi();

        assertThat(k)
                .containsEntry("in", "query")
                .containsEntry("required", false)
                .containsEntry("schema", Map.of("type", "integer", "minimum", 1, "maximum", 1000, "default", 5));
        assertThat(mode.get("schema").toString()).contains("enum=[bm25, dense, hybrid]", "default=hybrid");
        assertThat(source.get("schema")).isEqualTo(Map.of("type", "array", "items", Map.of("type", "string")));
        assertThat(QueryApi.Q.openApi()).containsEntry("required", true);
    }
}
