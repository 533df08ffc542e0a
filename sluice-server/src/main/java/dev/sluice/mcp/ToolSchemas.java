package dev.sluice.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the tools are, as {@code tools/list} shows them: names, descriptions a model reads to choose
 * one, and input schemas with their limits. {@link ToolInput} enforces the same limits on every call,
 * so a client that sends past the schema gets a tool error naming the argument.
 */
final class ToolSchemas {
    private ToolSchemas() {}

    static final String SEARCH = "search";
    static final String ASK = "ask";
    static final String GET_DOCUMENT = "get_document";
    static final String STATUS = "status";

    static final int MAX_QUERY_CHARS = 2000;
    static final int MAX_QUESTION_CHARS = 4000;
    static final int MAX_K = 100;
    static final int MAX_ASK_K = 20;
    static final int MAX_FILTER_VALUES = 20;
    static final int MAX_FILTER_CHARS = 200;
    static final int MAX_REF_CHARS = 2000;
    static final int DEFAULT_DOCUMENT_CHARS = 20_000;
    static final int MAX_DOCUMENT_CHARS = 200_000;

    static final Set<String> SEARCH_ARGS =
            Set.of("query", "mode", "k", "sources", "path", "types", "issuers", "year", "meta");
    static final Set<String> ASK_ARGS = Set.of("question", "k");
    static final Set<String> GET_DOCUMENT_ARGS = Set.of("id", "maxChars");
    static final Set<String> STATUS_ARGS = Set.of();

    static List<McpSchema.Tool> all() {
        return List.of(search(), ask(), getDocument(), status());
    }

    static McpSchema.Tool search() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("query", string("The question or keywords.", MAX_QUERY_CHARS));
        p.put(
                "mode",
                Map.of(
                        "type", "string",
                        "enum", List.of("bm25", "dense", "hybrid"),
                        "default", "hybrid",
                        "description", "bm25 (exact words), dense (meaning) or hybrid (both, fused)."));
        p.put("k", integer("How many chunks to return.", 1, MAX_K, 5));
        p.put("sources", strings("Only these sources (names as the status tool lists them)."));
        p.put("path", string("Only documents whose source-relative path matches this glob, e.g. 'docs/**'.", 500));
        p.put("types", strings("Only these document types: pdf, docx, html, markdown, text..."));
        p.put("issuers", strings("Only documents of these issuers (e.g. '3M')."));
        p.put("year", integer("Only documents whose period ends in this year.", 1000, 9999, null));
        p.put(
                "meta",
                Map.of(
                        "type",
                        "object",
                        "description",
                        "Only documents whose transform fields have these values, e.g. {\"doctype\": \"policy\"}.",
                        "maxProperties",
                        10,
                        "additionalProperties",
                        Map.of("anyOf", List.of(Map.of("type", "string"), strings(null)))));
        return tool(
                SEARCH,
                "Search the knowledge base",
                "Search the knowledge base and return the best chunks with citations: document id, source, title,"
                        + " page and section, chunk id. Cite what you use by its document id and chunk id.",
                p,
                List.of("query"));
    }

    static McpSchema.Tool ask() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("question", string("The question, in full.", MAX_QUESTION_CHARS));
        p.put("k", integer("How many chunks the answer may draw on.", 1, MAX_ASK_K, 8));
        return tool(
                ASK,
                "Answer from the knowledge base",
                "Answer a question from the knowledge base through its configured language model, grounded in"
                        + " numbered citations that were checked against the passages; says so when nothing"
                        + " relevant enough is found.",
                p,
                List.of("question"));
    }

    static McpSchema.Tool getDocument() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(
                "id",
                string(
                        "A document id (URI, as search returns it), a chunk id, or a source-relative path.",
                        MAX_REF_CHARS));
        p.put("maxChars", integer("Longest text returned.", 1, MAX_DOCUMENT_CHARS, DEFAULT_DOCUMENT_CHARS));
        return tool(
                GET_DOCUMENT,
                "Read a document or chunk",
                "The text of a document or of one chunk, with its lineage: source, path, title, content hash, the"
                        + " run that indexed it, its chunks.",
                p,
                List.of("id"));
    }

    static McpSchema.Tool status() {
        return tool(
                STATUS,
                "Knowledge base freshness",
                "How fresh the knowledge base is: per source, the documents and chunks you may read, the last"
                        + " successful sync, its lag against the freshness target; and the open incidents.",
                new LinkedHashMap<>(),
                List.of());
    }

    private static McpSchema.Tool tool(
            String name, String title, String description, Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return McpSchema.Tool.builder(name, schema)
                .title(title)
                .description(description)
                .annotations(new McpSchema.ToolAnnotations(title, true, false, true, false, null))
                .build();
    }

    private static Map<String, Object> string(String description, int maxLength) {
        return Map.of("type", "string", "minLength", 1, "maxLength", maxLength, "description", description);
    }

    private static Map<String, Object> integer(String description, int min, int max, Integer fallback) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "integer");
        m.put("minimum", min);
        m.put("maximum", max);
        if (fallback != null) {
            m.put("default", fallback);
        }
        m.put("description", description);
        return m;
    }

    private static Map<String, Object> strings(String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "array");
        m.put("items", Map.of("type", "string", "minLength", 1, "maxLength", MAX_FILTER_CHARS));
        m.put("maxItems", MAX_FILTER_VALUES);
        if (description != null) {
            m.put("description", description);
        }
        return m;
    }
}
