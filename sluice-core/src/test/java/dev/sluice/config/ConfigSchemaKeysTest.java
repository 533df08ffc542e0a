package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.incident.IncidentSettings;
import dev.sluice.index.IndexLanguage;
import dev.sluice.llm.LlmSettings;
import dev.sluice.llm.TokenParameter;
import dev.sluice.quality.CheckPolicy;
import dev.sluice.quality.Expectation;
import dev.sluice.quality.PiiKind;
import dev.sluice.transform.TransformKind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema cannot drift from the loader: every key set a sluice.yaml reader checks against (found by
 * reflection over the compiled config package, so a new section class is found too) names exactly the
 * properties of its object in {@code docs/sluice.schema.json}, every object of the schema belongs to a
 * key set, and the enums list exactly what the loader accepts.
 */
class ConfigSchemaKeysTest {
    /** Sets of the config package that are not the keys of a mapping in sluice.yaml. */
    private static final Set<String> NOT_KEYS = Set.of("ChecksSection.BUILT_IN_FIELDS", "EffectiveConfig.FLAG_KEYS");

    /** Each key set of the loader, as Class.FIELD, and the schema objects (JSON pointers) whose keys it lists. */
    private static final Map<String, List<String>> SCHEMA_OF = Map.ofEntries(
            Map.entry("ConfigLoader.TOP", List.of("")),
            Map.entry("ConfigLoader.EMBEDDING", List.of("/properties/embedding")),
            Map.entry("EmbeddingSection.FILES", List.of("/properties/embedding/properties/model/anyOf/1")),
            Map.entry("EmbeddingSection.ENDPOINT", List.of("/properties/embedding/properties/model/anyOf/2")),
            Map.entry("LineageSection.LINEAGE", List.of("/properties/lineage")),
            Map.entry("ConfigLoader.CHUNKING", List.of("/properties/chunking")),
            Map.entry("ConfigLoader.EXTRACTION", List.of("/properties/extraction")),
            Map.entry("ConfigLoader.RETRIEVAL", List.of("/properties/retrieval")),
            Map.entry("ConfigLoader.BM25", List.of("/properties/retrieval/properties/bm25")),
            Map.entry("ConfigLoader.RERANK", List.of("/properties/retrieval/properties/rerank")),
            Map.entry("ConfigLoader.EVAL", List.of("/properties/eval")),
            Map.entry("ConfigLoader.REGRESSION", List.of("/properties/eval/properties/regression")),
            Map.entry("IndexSection.INDEX", List.of("/properties/index/anyOf/1")),
            Map.entry("CatalogSection.CATALOG", List.of("/properties/catalog")),
            Map.entry("SourcesSection.SOURCE", List.of("/$defs/source")),
            Map.entry("SourcesSection.HTTP", List.of("/$defs/http")),
            Map.entry("SourcesSection.ACCESS", List.of("/$defs/access")),
            Map.entry("LlmSection.LLM", List.of("/properties/llm")),
            Map.entry("LlmSection.LLM_AZURE", List.of("/properties/llm/properties/azure")),
            Map.entry("LlmSection.LLM_BUDGET", List.of("/properties/llm/properties/budget")),
            Map.entry("LlmSection.PRICE", List.of("/$defs/price")),
            Map.entry("IncidentsSection.INCIDENTS", List.of("/properties/incidents")),
            Map.entry("IncidentsSection.WEBHOOK", List.of("/$defs/webhook")),
            Map.entry("IncidentsSection.OBJECTIVES", List.of("/properties/incidents/properties/objectives")),
            Map.entry("IncidentsSection.QUARANTINE", List.of("/properties/incidents/properties/quarantine")),
            Map.entry("IncidentsSection.TRENDS", List.of("/properties/incidents/properties/trends")),
            Map.entry("ChecksSection.CHECKS", List.of("/properties/checks")),
            Map.entry("ChecksSection.SOURCE_CHECKS", List.of("/$defs/sourceChecks")),
            Map.entry("ChecksSection.THRESHOLD_ACTION", List.of("/$defs/garbled", "/$defs/duplicates")),
            Map.entry("ChecksSection.PII", List.of("/$defs/pii")),
            Map.entry("ChecksSection.ACTION", List.of("/$defs/injection")),
            Map.entry(
                    "ChecksSection.EXPECTATION",
                    List.of(
                            "/$defs/countExpectation/anyOf/1",
                            "/$defs/shareExpectation/anyOf/1",
                            "/$defs/metadataExpectation/anyOf/1",
                            "/$defs/languagesExpectation/anyOf/1")),
            Map.entry("TransformsSection.TRANSFORMS", List.of("/properties/transforms")),
            Map.entry("TransformsSection.BUDGET", List.of("/properties/transforms/properties/budget")),
            Map.entry("TransformsSection.STEP", List.of("/$defs/step")),
            Map.entry("TransformsSection.SCHEMA_KEYWORDS", List.of("/$defs/outputSchema")),
            Map.entry("TransformsSection.FIELD", List.of("/$defs/field")),
            // Not a Set field: a contract's keys are the expectation kinds.
            Map.entry("Expectation.Kind", List.of("/$defs/contract")));

    private final JsonNode schema = SchemaFile.tree();

    /** Every static Set<String> of the compiled config package, by Class.FIELD. */
    private static Map<String, Set<String>> loaderKeySets() throws Exception {
        Path folder = Path.of(ConfigLoader.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve("dev/sluice/config");
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        List<Path> classes;
        try (Stream<Path> files = Files.list(folder)) {
            classes =
                    files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : classes) {
            String name = file.getFileName().toString().replaceFirst("\\.class$", "");
            Class<?> type = Class.forName("dev.sluice.config." + name);
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && Set.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    Set<String> keys = new TreeSet<>();
                    for (Object key : (Set<?>) field.get(null)) {
                        keys.add((String) key);
                    }
                    sets.put(type.getSimpleName() + "." + field.getName(), keys);
                }
            }
        }
        Set<String> contract = new TreeSet<>();
        Arrays.stream(Expectation.Kind.values()).forEach(k -> contract.add(k.key()));
        sets.put("Expectation.Kind", contract);
        return sets;
    }

    private static Set<String> propertiesOf(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.path("properties").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void should_give_every_loader_key_set_exactly_the_properties_of_its_schema_object() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> set : loaderKeySets().entrySet()) {
            if (NOT_KEYS.contains(set.getKey())) {
                continue;
            }
            List<String> pointers = SCHEMA_OF.get(set.getKey());
            if (pointers == null) {
                problems.add(set.getKey() + " " + set.getValue() + " is a key set of the loader that no object of"
                        + " docs/sluice.schema.json lists: add the section to the schema and to SCHEMA_OF here");
                continue;
            }
            for (String pointer : pointers) {
                JsonNode object = schema.at(pointer);
                if (object.isMissingNode()) {
                    problems.add(set.getKey() + ": docs/sluice.schema.json has no object at " + pointer);
                    continue;
                }
                Set<String> inSchema = propertiesOf(object);
                Set<String> missing = new TreeSet<>(set.getValue());
                missing.removeAll(inSchema);
                Set<String> extra = new TreeSet<>(inSchema);
                extra.removeAll(set.getValue());
                if (!missing.isEmpty()) {
                    problems.add("docs/sluice.schema.json at '" + pointer + "' lacks " + missing + ", which the"
                            + " loader accepts (" + set.getKey() + "): add them with type, default and description");
                }
                if (!extra.isEmpty()) {
                    problems.add("docs/sluice.schema.json at '" + pointer + "' lists " + extra + ", which the loader"
                            + " refuses (" + set.getKey() + "): remove them from the schema");
                }
                if (!object.path("additionalProperties").isBoolean()
                        || object.path("additionalProperties").asBoolean()) {
                    problems.add("docs/sluice.schema.json at '" + pointer + "' must say additionalProperties: false,"
                            + " as the loader refuses unknown keys");
                }
            }
        }
        assertThat(problems)
                .as("differences between the loader's keys and the schema")
                .isEmpty();
    }

    @Test
    void should_map_every_object_of_the_schema_to_a_key_set_of_the_loader() {
        Set<String> mapped = new TreeSet<>();
        SCHEMA_OF.values().forEach(mapped::addAll);
        List<String> objects = new ArrayList<>();
        objectsWithProperties(schema, "", objects);
        assertThat(objects)
                .as("schema objects no key set of the loader stands for (a key set must check them)")
                .allSatisfy(pointer -> assertThat(mapped).contains(pointer));
    }

    private static void objectsWithProperties(JsonNode node, String pointer, List<String> out) {
        if (node.isObject()) {
            if (node.path("properties").isObject()
                    && node.path("additionalProperties").isBoolean()) {
                out.add(pointer);
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                if (child.getKey().equals("properties") && pointer.equals("/$defs/outputSchema")) {
                    continue; // an output schema's own keywords, not nested objects
                }
                objectsWithProperties(
                        child.getValue(),
                        pointer + "/" + child.getKey().replace("~", "~0").replace("/", "~1"),
                        out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                objectsWithProperties(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private List<String> enumAt(String pointer) {
        List<String> values = new ArrayList<>();
        schema.at(pointer).forEach(v -> values.add(v.asText()));
        assertThat(values).as("an enum at " + pointer).isNotEmpty();
        return values;
    }

    private static <E extends Enum<E>> List<String> lower(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    @Test
    void should_list_exactly_the_values_the_loader_accepts_in_every_enum() {
        assertThat(enumAt("/properties/index/anyOf/1/properties/language/enum"))
                .containsExactlyElementsOf(Arrays.stream(IndexLanguage.values())
                        .map(IndexLanguage::code)
                        .toList());
        assertThat(enumAt("/properties/embedding/properties/model/anyOf/0/enum"))
                .containsExactlyElementsOf(EmbeddingModelSpec.values().stream()
                        .map(EmbeddingModelSpec::id)
                        .toList());
        assertThat(enumAt("/properties/embedding/properties/model/anyOf/1/properties/pooling/enum"))
                .containsExactlyElementsOf(lower(EmbeddingModelSpec.Pooling.class));
        assertThat(enumAt("/properties/lineage/properties/transport/enum"))
                .containsExactlyElementsOf(lower(dev.sluice.lineage.LineageSettings.Transport.class));
        assertThat(enumAt("/$defs/pii/properties/kinds/items/enum"))
                .containsExactlyElementsOf(
                        Arrays.stream(PiiKind.values()).map(PiiKind::label).toList());
        assertThat(enumAt("/$defs/pii/properties/action/enum"))
                .containsExactlyElementsOf(lower(CheckPolicy.Action.class));
        assertThat(enumAt("/$defs/garbled/properties/action/enum")).containsExactly("flag", "quarantine");
        assertThat(enumAt("/$defs/injection/properties/action/enum")).containsExactly("flag", "quarantine");
        assertThat(enumAt("/$defs/duplicates/properties/action/enum"))
                .containsExactlyElementsOf(lower(CheckPolicy.DuplicateAction.class));
        assertThat(enumAt("/$defs/countExpectation/anyOf/1/properties/severity/enum"))
                .containsExactlyElementsOf(lower(Expectation.Severity.class));
        assertThat(enumAt("/$defs/step/properties/kind/enum"))
                .containsExactlyElementsOf(Arrays.stream(TransformKind.values())
                        .map(TransformKind::label)
                        .toList());
        assertThat(enumAt("/$defs/field/properties/type/enum")).containsExactlyElementsOf(TransformKind.Field.TYPES);
        assertThat(enumAt("/$defs/webhook/properties/format/enum"))
                .containsExactlyElementsOf(IncidentSettings.Webhook.FORMATS);
        assertThat(enumAt("/properties/llm/properties/tokenParameter/enum"))
                .containsExactlyElementsOf(Arrays.stream(TokenParameter.values())
                        .map(TokenParameter::label)
                        .toList());
        assertThat(enumAt("/properties/llm/properties/provider/enum"))
                .containsExactlyElementsOf(lower(LlmSettings.Provider.class));
    }
}
