package dev.sluice.mcp;

import static dev.sluice.mcp.ToolSchemas.*;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.Answer;
import dev.sluice.answer.Asker;
import dev.sluice.answer.Citation;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.observe.Tracing;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools themselves, the same over stdio and HTTP: each call reads its arguments ({@link
 * ToolInput}), acts as its {@link McpCaller} through the {@link KnowledgeBase}, and answers with text
 * for the model and the same facts as {@code structuredContent}. A failure is a tool error whose text
 * says what to change; it never carries a stack trace, and a document the caller may not read is
 * reported in exactly the words of one that does not exist.
 */
public final class SluiceTools {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceTools.class);

    private final KnowledgeBase kb;

    public SluiceTools(KnowledgeBase kb) {
        this.kb = kb;
    }

    /** Runs one tool for {@code caller}; every outcome, a failure included, is a result (never an exception). */
    public McpSchema.CallToolResult call(String tool, McpCaller caller, Map<String, Object> arguments) {
        if (caller == null) {
            return error("unauthenticated: send an API key (Authorization: Bearer sk_sluice_...)");
        }
        try (Tracing.Operation op = kb.trace("mcp " + tool, Context.current(), SpanKind.INTERNAL)) {
            op.span().setAttribute("sluice.mcp.tool", tool);
            return switch (tool) {
                case SEARCH -> search(caller, arguments);
                case ASK -> ask(caller, arguments);
                case GET_DOCUMENT -> getDocument(caller, arguments);
                case STATUS -> status(caller, arguments);
                default ->
                    error("no tool '" + ToolInput.printable(tool, 60) + "'; the tools are " + SEARCH + ", " + ASK + ", "
                            + GET_DOCUMENT + ", " + STATUS);
            };
        } catch (ToolInput.Invalid | UsageException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("the MCP tool {} failed: {}", tool, e.toString(), e);
            return error("the " + tool + " tool failed: "
                    + (e instanceof SluiceException
                            ? e.getMessage()
                            : e.getClass().getSimpleName()));
        }
    }

    private McpSchema.CallToolResult search(McpCaller caller, Map<String, Object> arguments) {
        ToolInput in = ToolInput.of(SEARCH, arguments, SEARCH_ARGS);
        String query = in.text("query", MAX_QUERY_CHARS);
        SearchMode mode = SearchMode.fromLabel(in.choice("mode", "hybrid", List.of("bm25", "dense", "hybrid")));
        int k = in.integer("k", 5, 1, MAX_K);
        SearchRequest request;
        try {
            request = new SearchRequest(
                    query,
                    mode,
                    k,
                    new SearchFilters(
                                    in.strings("sources", MAX_FILTER_VALUES, MAX_FILTER_CHARS),
                                    in.optionalText("path", 500),
                                    in.strings("types", MAX_FILTER_VALUES, MAX_FILTER_CHARS))
                            .withDocuments(
                                    in.strings("issuers", MAX_FILTER_VALUES, MAX_FILTER_CHARS),
                                    in.integer("year", 0, 1000, 9999))
                            .withMetadata(in.fields("meta", 10, MAX_FILTER_VALUES, MAX_FILTER_CHARS))
                            .forCaller(caller.tokens()));
        } catch (IllegalArgumentException e) {
            throw new ToolInput.Invalid(e.getMessage());
        }
        SearchResult result = kb.searchAsConfigured(request, caller.keyId());
        List<Map<String, Object>> results = new ArrayList<>();
        for (SearchHit h : result.hits()) {
            results.add(ToolViews.hit(h));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("mode", mode.label());
        body.put("k", k);
        body.put("results", results);
        return ok(ToolViews.searchText(query, results), body);
    }

    private McpSchema.CallToolResult ask(McpCaller caller, Map<String, Object> arguments) {
        ToolInput in = ToolInput.of(ASK, arguments, ASK_ARGS);
        String question = in.text("question", MAX_QUESTION_CHARS);
        int k = in.integer("k", Asker.Options.DEFAULTS.k(), 1, MAX_ASK_K);
        if (kb.config().llm().isEmpty()) {
            return error("ask needs a language model and none is configured: add an llm section to sluice.yaml"
                    + " (baseUrl, model, apiKeyEnv). The search tool works without one.");
        }
        Answer answer = kb.ask(
                question,
                new Asker.Options(
                        k,
                        Asker.Options.DEFAULTS.maxContextTokens(),
                        null,
                        SearchFilters.NONE.forCaller(caller.tokens())),
                caller.keyId(),
                null);
        List<Map<String, Object>> citations = new ArrayList<>();
        for (Citation c : answer.citations()) {
            citations.add(ToolViews.citation(c, answer));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("question", question);
        body.put("answer", answer.text());
        body.put("kind", answer.kind().name().toLowerCase(java.util.Locale.ROOT));
        body.put("grounded", answer.grounded());
        body.put("citations", citations);
        body.put("note", answer.note());
        body.put("problems", answer.problems());
        body.put("model", answer.model());
        return ok(ToolViews.answerText(answer, citations), body);
    }

    private McpSchema.CallToolResult getDocument(McpCaller caller, Map<String, Object> arguments) {
        ToolInput in = ToolInput.of(GET_DOCUMENT, arguments, GET_DOCUMENT_ARGS);
        String ref = in.text("id", MAX_REF_CHARS);
        int maxChars = in.integer("maxChars", DEFAULT_DOCUMENT_CHARS, 1, MAX_DOCUMENT_CHARS);
        Map<String, Object> body = document(caller, ref, maxChars);
        StringBuilder text = new StringBuilder();
        text.append(ToolViews.line("", body).strip()).append('\n');
        if (body.get("quarantineMessage") != null) {
            text.append("Quarantined: ").append(body.get("quarantineMessage")).append('\n');
        }
        text.append('\n').append(body.get("text"));
        if (Boolean.TRUE.equals(body.get("truncated"))) {
            text.append("\n\n[cut at ").append(maxChars).append(" characters; ask for more with maxChars]");
        }
        return ok(text.toString(), body);
    }

    /**
     * A document or chunk the caller may read, with its lineage and text; {@link #notFound} otherwise,
     * in the same words whether it does not exist or the caller may not read it. Also serves the
     * {@code sluice://document/{id}} resource.
     */
    Map<String, Object> document(McpCaller caller, String ref, int maxChars) {
        Catalog catalog = kb.catalog();
        Catalog.ChunkLineage chunk = catalog.chunk(ref);
        DocumentRecord doc = chunk != null ? catalog.document(chunk.documentUri()) : catalog.document(ref);
        if (doc == null && chunk == null) {
            List<DocumentRecord> byPath = catalog.documents().values().stream()
                    .filter(d -> d.path().equals(ref) && caller.mayRead(d.access()))
                    .toList();
            if (byPath.size() > 1) {
                throw new ToolInput.Invalid("'" + ToolInput.printable(ref, 200) + "' is the path of "
                        + byPath.size() + " documents in different sources; give the document id: "
                        + String.join(
                                ", ", byPath.stream().map(DocumentRecord::uri).toList()));
            }
            doc = byPath.isEmpty() ? null : byPath.getFirst();
        }
        if (doc == null || !caller.mayRead(doc.access())) {
            throw notFound(ref);
        }
        List<SearchHit> chunks =
                DocumentRecord.INDEXED.equals(doc.status()) ? kb.searcher().chunksOf(doc.uri()) : List.of();
        List<SearchHit> shown = chunk == null
                ? chunks
                : chunks.stream().filter(c -> c.chunkId().equals(chunk.id())).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        SearchHit first = shown.isEmpty() ? null : shown.getFirst();
        body.putAll(ToolViews.citation(
                doc.uri(),
                chunk == null ? null : chunk.id(),
                doc.source(),
                doc.path(),
                first == null ? null : first.title(),
                chunk == null || first == null ? List.of() : first.headingPath(),
                chunk == null || first == null ? 0 : first.pageStart(),
                chunk == null || first == null ? 0 : first.pageEnd()));
        body.putAll(ToolViews.document(doc, catalog.run(chunk != null ? chunk.runId() : doc.runId())));
        body.put("chunks", ToolViews.chunkList(shown));
        String text = ToolViews.joined(shown);
        body.put("truncated", text.length() > maxChars);
        body.put("text", text.length() > maxChars ? text.substring(0, maxChars) : text);
        return body;
    }

    static ToolInput.Invalid notFound(String ref) {
        return new ToolInput.Invalid(
                "no document or chunk '" + ToolInput.printable(ref, 200) + "' in the knowledge base");
    }

    private McpSchema.CallToolResult status(McpCaller caller, Map<String, Object> arguments) {
        ToolInput.of(STATUS, arguments, STATUS_ARGS);
        Map<String, Object> body = StatusView.of(kb, caller);
        return ok(StatusView.text(body), body);
    }

    static McpSchema.CallToolResult ok(String text, Map<String, Object> structured) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .structuredContent(structured)
                .isError(false)
                .build();
    }

    static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(message)
                .isError(true)
                .build();
    }
}
