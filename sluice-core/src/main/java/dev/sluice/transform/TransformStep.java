package dev.sluice.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.answer.Prompt;
import java.util.List;

/**
 * One configured step of {@code transforms.steps}, resolved: its prompt read, its version and models
 * decided. Immutable.
 *
 * @param name unique among the steps; the ledger's purpose is {@code transform:<name>}
 * @param kind what it makes
 * @param labels the labels a classify step chooses from (empty for other kinds)
 * @param fields the fields an extract step fills (empty for other kinds)
 * @param prompt the prompt: a file's, or the kind's built-in one
 * @param version the prompt version in the cache key: the step's {@code version}, else the prompt's
 *     content version ({@code name@sha12}), so an edit to a prompt without a version recomputes
 * @param model the cheap model tried first
 * @param escalateTo the strong model tried when the cheap one's output stays invalid after its repair,
 *     or null for no escalation
 * @param sources the sources it runs on; empty for all
 * @param maxInputTokens the most input tokens of the item's text given to the model (longer text is cut)
 * @param maxOutputTokens the most completion tokens asked (and reserved by the budget)
 * @param count questions asked per chunk (questions steps)
 * @param givenSchema the output schema sluice.yaml gives an extract step ({@code schema:}), or null for the one
 *     built from the kind and its labels or fields
 */
public record TransformStep(
        String name,
        TransformKind kind,
        List<String> labels,
        List<TransformKind.Field> fields,
        Prompt prompt,
        String version,
        String model,
        String escalateTo,
        List<String> sources,
        int maxInputTokens,
        int maxOutputTokens,
        int count,
        com.fasterxml.jackson.databind.JsonNode givenSchema) {
    public TransformStep {
        givenSchema = givenSchema == null ? null : givenSchema.deepCopy();
        labels = List.copyOf(labels);
        fields = List.copyOf(fields);
        sources = List.copyOf(sources);
    }

    /** The ledger's purpose for its calls. */
    public String purpose() {
        return "transform:" + name;
    }

    /** Whether it runs on a document of {@code source}. */
    public boolean appliesTo(String source) {
        return sources.isEmpty() || sources.contains(source);
    }

    /** The JSON Schema its outputs satisfy. */
    public ObjectNode schema() {
        return givenSchema instanceof ObjectNode given ? given.deepCopy() : kind.schema(this);
    }

    /** The metadata keys it writes (document steps): its name, or an extract step's field names. */
    public List<String> metadataKeys() {
        if (kind == TransformKind.EXTRACT) {
            return fields.stream().map(TransformKind.Field::name).toList();
        }
        return kind.perDocument() ? List.of(name) : List.of();
    }
}
