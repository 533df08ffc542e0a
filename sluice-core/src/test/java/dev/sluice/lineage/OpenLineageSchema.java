package dev.sluice.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Validates emitted events against the published OpenLineage schemas kept under
 * {@code src/test/resources/openlineage} (the event schema 2-0-2 and each standard facet's schema, looked up
 * by the facet's own {@code _schemaURL}) and Sluice's facets against docs/lineage/SluiceFacets.json, with
 * format assertions on (uuid, date-time, uri). Nothing is fetched from the network.
 */
final class OpenLineageSchema {
    static final String EVENT = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    static final String SLUICE_FACETS = "https://github.com/sluice-dev/sluice/blob/main/docs/lineage/SluiceFacets.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true)
                            .build())
                    .schemaIdResolvers(r -> r.mapPrefix("https://openlineage.io/spec/", "classpath:openlineage/"))
                    .schemas(Map.of(SLUICE_FACETS, sluiceFacets())));

    private OpenLineageSchema() {}

    /** Every schema error of one event (empty when it is valid), each naming where it is. */
    static List<String> errors(String eventJson) {
        List<String> out = new ArrayList<>();
        JsonNode event = parse(eventJson);
        out.addAll(validate(EVENT, event, "event"));
        JsonNode runFacets = event.path("run").path("facets");
        facets(runFacets, "run.facets", out);
        facets(event.path("job").path("facets"), "job.facets", out);
        for (String side : List.of("inputs", "outputs")) {
            int i = 0;
            for (JsonNode dataset : event.path(side)) {
                facets(dataset.path("facets"), side + "[" + i + "].facets", out);
                facets(dataset.path("outputFacets"), side + "[" + i + "].outputFacets", out);
                i++;
            }
        }
        return out;
    }

    private static void facets(JsonNode facets, String where, List<String> out) {
        for (Map.Entry<String, JsonNode> facet : facets.properties()) {
            String url = facet.getValue().path("_schemaURL").asText();
            if (url.startsWith("https://openlineage.io/spec/facets/")
                    || url.startsWith("https://github.com/sluice-dev/sluice/")) {
                out.addAll(validate(url, facet.getValue(), where + "." + facet.getKey()));
            } else {
                out.add(where + "." + facet.getKey() + ": no schema known for _schemaURL " + url);
            }
        }
    }

    private static List<String> validate(String schemaUrl, JsonNode node, String where) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(schemaUrl));
        List<Error> errors = schema.validate(node);
        return errors.stream().map(e -> where + ": " + e).toList();
    }

    /** Whether {@code text} parses as one JSON object (for the file transport's lines). */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String sluiceFacets() {
        try {
            return Files.readString(projectRoot().resolve("docs/lineage/SluiceFacets.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sluice-core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no folder holding sluice-core above " + Path.of("").toAbsolutePath());
    }
}
