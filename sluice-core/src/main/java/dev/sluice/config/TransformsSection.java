package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.answer.Prompt;
import dev.sluice.answer.PromptLibrary;
import dev.sluice.core.Hashing;
import dev.sluice.core.SluiceException;
import dev.sluice.llm.Budget;
import dev.sluice.transform.TransformKind;
import dev.sluice.transform.TransformPrompts;
import dev.sluice.transform.TransformSettings;
import dev.sluice.transform.TransformStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code transforms} section: budgets, limits and the LLM steps (see docs/transforms.md). Each step's
 * prompt file is read here, so a prompt with an unknown {@code {{variable}}} fails at load, naming the
 * file, the variable and the variables allowed.
 */
final class TransformsSection extends ConfigReader {
    private static final Set<String> TRANSFORMS =
            Set.of("budget", "concurrency", "requestsPerMinute", "batch", "steps");
    private static final Set<String> BUDGET = Set.of("perRunUsd", "dailyUsd");
    private static final Set<String> STEP = Set.of(
            "name",
            "kind",
            "on",
            "labels",
            "fields",
            "prompt",
            "version",
            "model",
            "escalateTo",
            "sources",
            "maxInputTokens",
            "maxOutputTokens",
            "count",
            "schema");
    /** The JSON Schema keywords the output check enforces (dev.sluice.llm.JsonSchemaCheck). */
    private static final Set<String> SCHEMA_KEYWORDS = Set.of(
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "minItems",
            "maxItems",
            "minLength",
            "description",
            "title");

    private static final Set<String> FIELD = Set.of("type", "enum");
    private static final String KINDS = "classify, extract, summarize, questions or contextualize";

    TransformsSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    TransformSettings transforms(JsonNode root, SluiceConfig.Llm llm, List<SluiceConfig.Source> sources, Path base) {
        JsonNode node = section(root, "transforms", TRANSFORMS);
        if (node.isMissingNode()) {
            return TransformSettings.NONE;
        }
        JsonNode budget = section(node, "budget", BUDGET, "transforms.budget");
        long perRun;
        long daily;
        try {
            Budget.Limits limits = Budget.Limits.usd(
                    usd(budget.get("dailyUsd"), "transforms.budget.dailyUsd"),
                    null,
                    usd(budget.get("perRunUsd"), "transforms.budget.perRunUsd"),
                    null);
            daily = limits.dailyPicoUsd();
            perRun = limits.perKeyDailyPicoUsd();
        } catch (ArithmeticException e) {
            throw error("transforms.budget", "transforms.budget: amounts take at most 12 decimals");
        }
        int concurrency = node.has("concurrency") ? positive(node.get("concurrency"), "transforms.concurrency") : 4;
        int rpm = node.has("requestsPerMinute")
                ? positive(node.get("requestsPerMinute"), "transforms.requestsPerMinute")
                : 0;
        boolean batch = node.has("batch") && bool(node.get("batch"), "transforms.batch");
        List<TransformStep> steps = steps(node.get("steps"), llm, sources, base);
        if (!steps.isEmpty() && llm == null) {
            throw error(
                    "transforms.steps",
                    "transforms.steps call a language model, but sluice.yaml has no llm section: add one (baseUrl,"
                            + " model, apiKeyEnv), or remove transforms");
        }
        if (batch && llm != null && llm.settings().provider() != dev.sluice.llm.LlmSettings.Provider.OPENAI) {
            throw error(
                    "transforms.batch",
                    "transforms.batch needs the OpenAI protocol's batch API (llm.provider: openai); Azure deployment"
                            + " URLs have none here: set batch: false");
        }
        return new TransformSettings(
                steps,
                perRun,
                daily,
                concurrency,
                rpm,
                batch,
                llm == null ? null : llm.settings(),
                llm == null ? dev.sluice.llm.PriceTable.defaults() : llm.prices(),
                llm == null ? Budget.Limits.none() : llm.budget());
    }

    private List<TransformStep> steps(
            JsonNode list, SluiceConfig.Llm llm, List<SluiceConfig.Source> sources, Path base) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw error(
                    "transforms.steps",
                    "transforms.steps must be a list of steps such as [{name: doctype, kind: classify, labels:"
                            + " [policy, report]}], got " + describe(list));
        }
        List<TransformStep> steps = new ArrayList<>();
        Map<String, String> metadataKeys = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            TransformStep step = step(list.get(i), "transforms.steps[" + i + "]", llm, sources, base);
            for (TransformStep other : steps) {
                if (other.name().equals(step.name())) {
                    throw error(
                            "transforms.steps[" + i + "].name",
                            "transforms.steps[" + i + "].name: two steps are named '" + step.name()
                                    + "'; give each a unique name (it keys the cache and the ledger)");
                }
            }
            for (String key : step.metadataKeys()) {
                String before = metadataKeys.putIfAbsent(key, step.name());
                if (before != null) {
                    throw error(
                            "transforms.steps[" + i + "]",
                            "transforms.steps[" + i + "]: step '" + step.name() + "' writes the document field '" + key
                                    + "', which step '" + before + "' writes too; rename one");
                }
            }
            steps.add(step);
        }
        return steps;
    }

    private TransformStep step(
            JsonNode node, String key, SluiceConfig.Llm llm, List<SluiceConfig.Source> sources, Path base) {
        object(node, key, STEP);
        for (String required : List.of("name", "kind")) {
            if (!node.has(required)) {
                throw error(
                        key,
                        key + " needs " + required + " (for example {name: doctype, kind: classify, labels:"
                                + " [policy, report]})");
            }
        }
        String name = string(node.get("name"), key + ".name");
        if (!name.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw error(
                    key + ".name",
                    key + ".name must be lower-case letters, digits, '-' and '_' (at most 64), got \"" + name + "\"");
        }
        String kindLabel = string(node.get("kind"), key + ".kind");
        TransformKind kind = TransformKind.fromLabel(kindLabel);
        if (kind == null) {
            throw error(key + ".kind", key + ".kind must be " + KINDS + ", got \"" + kindLabel + "\"");
        }
        if (node.has("on")) {
            String on = string(node.get("on"), key + ".on");
            if (!on.equals(kind.scope())) {
                throw error(
                        key + ".on",
                        key + ".on: a " + kind.label() + " step runs on each " + kind.scope() + ", got \"" + on
                                + "\"; remove on, or set on: " + kind.scope());
            }
        }
        List<String> labels = names(node.get("labels"), key + ".labels");
        if (kind == TransformKind.CLASSIFY && labels.size() < 2) {
            throw error(
                    node.has("labels") ? key + ".labels" : key,
                    key + ": a classify step needs labels, at least two (for example labels: [policy, report, faq,"
                            + " other])");
        }
        if (kind != TransformKind.CLASSIFY && node.has("labels")) {
            throw error(key + ".labels", key + ".labels applies to classify steps only");
        }
        JsonNode schema = node.get("schema");
        if (schema != null && kind != TransformKind.EXTRACT) {
            throw error(
                    key + ".schema", key + ".schema applies to extract steps only (other kinds have fixed outputs)");
        }
        if (schema != null && node.has("fields")) {
            throw error(key + ".schema", key + ": give fields or schema, not both");
        }
        List<TransformKind.Field> fields =
                schema != null ? schemaFields(schema, key + ".schema") : fields(node.get("fields"), key + ".fields");
        if (kind == TransformKind.EXTRACT && fields.isEmpty()) {
            throw error(
                    key,
                    key + ": an extract step needs fields (for example fields: {company: string, fiscal_year:"
                            + " integer})");
        }
        if (kind != TransformKind.EXTRACT && node.has("fields")) {
            throw error(key + ".fields", key + ".fields applies to extract steps only");
        }
        Prompt prompt = node.has("prompt")
                ? prompt(string(node.get("prompt"), key + ".prompt"), key + ".prompt", base)
                : TransformPrompts.builtIn(kind);
        String version = node.has("version") ? string(node.get("version"), key + ".version") : prompt.version();
        String model = node.has("model")
                ? string(node.get("model"), key + ".model")
                : llm == null ? null : llm.settings().model();
        String escalateTo = node.has("escalateTo")
                ? string(node.get("escalateTo"), key + ".escalateTo")
                : llm == null ? null : llm.strongModel();
        if (escalateTo != null && escalateTo.equals(model)) {
            escalateTo = null; // escalating to the same model would only repeat the failure
        }
        List<String> sourceNames = names(node.get("sources"), key + ".sources");
        for (int i = 0; i < sourceNames.size(); i++) {
            String s = sourceNames.get(i);
            if (sources.stream().noneMatch(src -> src.name().equals(s))) {
                throw error(
                        key + ".sources[" + i + "]",
                        key + ".sources[" + i + "]: no source is named '" + s + "'; known: "
                                + String.join(
                                        ", ",
                                        sources.stream()
                                                .map(SluiceConfig.Source::name)
                                                .toList()));
            }
        }
        int maxInput =
                node.has("maxInputTokens") ? positive(node.get("maxInputTokens"), key + ".maxInputTokens") : 3000;
        int maxOutput = node.has("maxOutputTokens")
                ? positive(node.get("maxOutputTokens"), key + ".maxOutputTokens")
                : kind.defaultMaxOutputTokens();
        if (kind != TransformKind.QUESTIONS && node.has("count")) {
            throw error(key + ".count", key + ".count applies to questions steps only");
        }
        int count = node.has("count") ? positive(node.get("count"), key + ".count") : 3;
        if (count > 20) {
            throw error(key + ".count", key + ".count must be at most 20, got " + count);
        }
        return new TransformStep(
                name,
                kind,
                labels,
                fields,
                prompt,
                version,
                model,
                escalateTo,
                sourceNames,
                maxInput,
                maxOutput,
                count,
                schema);
    }

    /**
     * An extract step's own output schema: an object whose properties become the document fields. Every
     * keyword must be one the output check enforces, so that nothing the user wrote is silently unchecked.
     */
    private List<TransformKind.Field> schemaFields(JsonNode schema, String key) {
        if (!schema.isObject()
                || !"object".equals(schema.path("type").asText())
                || !schema.path("properties").isObject()
                || schema.path("properties").isEmpty()) {
            throw error(
                    key,
                    key + " must be a JSON Schema of an object with properties, such as {type: object, properties:"
                            + " {company: {type: string}}, required: [company]}");
        }
        keywords(schema, key);
        List<TransformKind.Field> fields = new ArrayList<>();
        Iterator<String> names = schema.path("properties").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode type = schema.path("properties").path(name).path("type");
            String first = type.isArray() ? type.path(0).asText("string") : type.asText("string");
            fields.add(new TransformKind.Field(
                    name, TransformKind.Field.TYPES.contains(first) ? first : "string", List.of()));
        }
        return fields;
    }

    private void keywords(JsonNode schema, String key) {
        Iterator<String> words = schema.fieldNames();
        while (words.hasNext()) {
            String word = words.next();
            if (!SCHEMA_KEYWORDS.contains(word)) {
                throw error(
                        key,
                        key + " uses the keyword '" + word + "', which Sluice does not check on outputs; use only "
                                + String.join(", ", new java.util.TreeSet<>(SCHEMA_KEYWORDS)));
            }
        }
        if (schema.path("properties").isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it =
                    schema.path("properties").properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isObject()) {
                    keywords(e.getValue(), key + ".properties." + e.getKey());
                }
            }
        }
        if (schema.path("items").isObject()) {
            keywords(schema.path("items"), key + ".items");
        }
    }

    private List<TransformKind.Field> fields(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject() || node.isEmpty()) {
            throw error(
                    key,
                    key + " must map field names to types (string, integer, number, boolean, array), for example"
                            + " {company: string, currency: {type: string, enum: [USD, EUR]}}, got " + describe(node));
        }
        List<TransformKind.Field> fields = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String fieldKey = key + "." + name;
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                throw error(fieldKey, fieldKey + ": a field name is letters, digits and '_', starting with a letter");
            }
            JsonNode spec = node.get(name);
            String type;
            List<String> allowed = List.of();
            if (spec.isObject()) {
                object(spec, fieldKey, FIELD);
                if (!spec.has("type")) {
                    throw error(fieldKey, fieldKey + " needs a type (string, integer, number, boolean, array)");
                }
                type = string(spec.get("type"), fieldKey + ".type");
                allowed = names(spec.get("enum"), fieldKey + ".enum");
                if (!allowed.isEmpty() && !type.equals("string")) {
                    throw error(fieldKey + ".enum", fieldKey + ".enum applies to string fields only");
                }
            } else {
                type = string(spec, fieldKey);
            }
            if (!TransformKind.Field.TYPES.contains(type)) {
                throw error(
                        spec.isObject() ? fieldKey + ".type" : fieldKey,
                        fieldKey + " must be one of string, integer, number, boolean, array, got \"" + type + "\"");
            }
            fields.add(new TransformKind.Field(name, type, allowed));
        }
        return fields;
    }

    /** A prompt file: with front matter (as prompts/*.md) or plain text; its variables are checked. */
    private Prompt prompt(String path, String key, Path base) {
        Path file = base.resolve(path).normalize();
        if (!Files.isRegularFile(file)) {
            throw error(
                    key,
                    key + ": no prompt file at " + file + "; create it or fix the path (relative to "
                            + this.file.getFileName() + ")");
        }
        Prompt prompt;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("---")) {
                prompt = PromptLibrary.read(file);
            } else {
                String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
                prompt = new Prompt(
                        name, "", text, name + "@" + Hashing.sha256Hex(text).substring(0, 12), file.toString());
            }
        } catch (IOException e) {
            throw error(key, key + ": cannot read " + file + ": " + e.getMessage());
        } catch (SluiceException e) {
            throw error(key, key + ": " + e.getMessage());
        }
        List<String> unknown = TransformPrompts.unknownVariables(prompt.body());
        if (!unknown.isEmpty()) {
            throw error(
                    key,
                    "prompt " + file + " (" + key + ") uses the unknown variable {{" + unknown.getFirst() + "}}"
                            + (unknown.size() > 1 ? " (and " + unknown.subList(1, unknown.size()) + ")" : "")
                            + "; the variables allowed are " + TransformPrompts.allowed());
        }
        return prompt;
    }
}
