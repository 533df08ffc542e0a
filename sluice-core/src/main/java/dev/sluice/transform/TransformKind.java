package dev.sluice.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * What a step makes, on what, and the JSON Schema of its output. Document steps ({@code classify},
 * {@code extract}, {@code summarize}) give document fields; chunk steps ({@code questions},
 * {@code contextualize}) give text for each chunk.
 */
public enum TransformKind {
    /** One label from a given list: {@code {"label": "policy"}}. */
    CLASSIFY(true, 50, 10),
    /** Named, typed fields: {@code {"company": "ACME", "fiscal_year": 2023}}; null when not found. */
    EXTRACT(true, 300, 20),
    /** A few sentences: {@code {"summary": "..."}}. */
    SUMMARIZE(true, 300, 120),
    /** Questions the chunk answers: {@code {"questions": ["...", "..."]}}. */
    QUESTIONS(false, 300, 25),
    /** One line placing the chunk in its document: {@code {"context": "..."}}. */
    CONTEXTUALIZE(false, 150, 50);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean perDocument;
    private final int defaultMaxOutputTokens;
    private final int expectedOutputTokens;

    TransformKind(boolean perDocument, int defaultMaxOutputTokens, int expectedOutputTokens) {
        this.perDocument = perDocument;
        this.defaultMaxOutputTokens = defaultMaxOutputTokens;
        this.expectedOutputTokens = expectedOutputTokens;
    }

    /** The name in sluice.yaml. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this name, or null. */
    public static TransformKind fromLabel(String label) {
        for (TransformKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        return null;
    }

    /** Whether it runs once per document ({@code on: document}) rather than once per chunk. */
    public boolean perDocument() {
        return perDocument;
    }

    /** {@code document} or {@code chunk}: what {@code on:} must say, if given. */
    public String scope() {
        return perDocument ? "document" : "chunk";
    }

    public int defaultMaxOutputTokens() {
        return defaultMaxOutputTokens;
    }

    /**
     * Completion tokens a typical valid output takes (for plans; the ceiling is the step's max output
     * tokens): per field for extract, per question for questions.
     */
    int expectedOutputTokens(TransformStep step) {
        return switch (this) {
            case EXTRACT -> 6 + expectedOutputTokens * step.fields().size() / 2;
            case QUESTIONS -> 6 + expectedOutputTokens * step.count();
            default -> expectedOutputTokens;
        };
    }

    /**
     * An extract field.
     *
     * @param name the field's name (the metadata key)
     * @param type string, integer, number, boolean or array (a list of texts)
     * @param allowed the values a string may take, or empty for any
     */
    public record Field(String name, String type, List<String> allowed) {
        public static final List<String> TYPES = List.of("string", "integer", "number", "boolean", "array");

        public Field {
            allowed = List.copyOf(allowed);
        }
    }

    /** The schema an output of {@code step} must satisfy (sent to the provider and checked on return). */
    ObjectNode schema(TransformStep step) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        switch (this) {
            case CLASSIFY -> {
                ObjectNode label = properties.putObject("label").put("type", "string");
                ArrayNode values = label.putArray("enum");
                step.labels().forEach(values::add);
                required.add("label");
            }
            case EXTRACT -> {
                for (Field f : step.fields()) {
                    ObjectNode p = properties.putObject(f.name());
                    if (f.type().equals("array")) {
                        p.putArray("type").add("array").add("null");
                        p.putObject("items").put("type", "string");
                    } else {
                        p.putArray("type").add(f.type()).add("null");
                    }
                    if (!f.allowed().isEmpty()) {
                        ArrayNode values = p.putArray("enum");
                        f.allowed().forEach(values::add);
                        values.addNull();
                    }
                    required.add(f.name());
                }
            }
            case SUMMARIZE -> {
                properties.putObject("summary").put("type", "string").put("minLength", 1);
                required.add("summary");
            }
            case QUESTIONS -> {
                ObjectNode q = properties
                        .putObject("questions")
                        .put("type", "array")
                        .put("minItems", 1)
                        .put("maxItems", step.count());
                q.putObject("items").put("type", "string").put("minLength", 1);
                required.add("questions");
            }
            case CONTEXTUALIZE -> {
                properties.putObject("context").put("type", "string").put("minLength", 1);
                required.add("context");
            }
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
