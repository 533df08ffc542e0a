package dev.sluice.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.KnowledgeBase;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Builds the Sluice MCP server on the official SDK: the tools of {@link SluiceTools} and the document
 * resource template, over stdio ({@link #stdio}, one session, one caller for the process) or over
 * HTTP ({@link McpHttp}, stateless, the caller of each request).
 */
public final class SluiceMcp {
    private SluiceMcp() {}

    /** Documents as resources: {@code sluice://document/{id}}, the id URL-encoded. */
    public static final String DOCUMENT_TEMPLATE = "sluice://document/{id}";

    private static final String DOCUMENT_PREFIX = "sluice://document/";

    static final String INSTRUCTIONS = "Sluice is a knowledge base of the user's documents. Use search to find"
            + " passages, ask for a cited answer, get_document to read a document or chunk found by search, and"
            + " status to check how fresh the knowledge base is. Cite documents by their documentId and chunkId.";

    static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());

    /** The resource URI of a document id (its URI), for clients that read documents as resources. */
    public static String documentResource(String documentId) {
        return DOCUMENT_PREFIX + URLEncoder.encode(documentId, StandardCharsets.UTF_8);
    }

    /**
     * An MCP server on a stdio pair acting for {@code caller}; it runs until {@code in} ends. Lines
     * that are not JSON-RPC get a JSON-RPC error from {@link StdinGuard} and never reach the SDK, whose
     * transport would end the session on one.
     */
    public static McpSyncServer stdio(KnowledgeBase kb, McpCaller caller, StdinGuard in, OutputStream out) {
        SluiceTools tools = new SluiceTools(kb);
        var spec = McpServer.sync(new StdioServerTransportProvider(JSON, in, out))
                .jsonMapper(JSON)
                .serverInfo("sluice", version())
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                .validateToolInputs(false); // ToolInput checks every argument and names it in the message
        for (McpSchema.Tool tool : ToolSchemas.all()) {
            spec.tools(new McpServerFeatures.SyncToolSpecification(
                    tool, (exchange, request) -> tools.call(request.name(), caller, request.arguments())));
        }
        spec.resourceTemplates(new McpServerFeatures.SyncResourceTemplateSpecification(
                template(), (exchange, request) -> read(tools, caller, request)));
        return spec.build();
    }

    /** The stdio guard over {@code in}, answering bad lines on {@code out}. */
    public static StdinGuard guard(InputStream in, OutputStream out) {
        return new StdinGuard(in, out, StdinGuard.MAX_LINE_CHARS);
    }

    static List<McpStatelessServerFeatures.SyncToolSpecification> statelessTools(
            SluiceTools tools, java.util.function.Function<Object, McpCaller> callerOf) {
        return ToolSchemas.all().stream()
                .map(tool -> new McpStatelessServerFeatures.SyncToolSpecification(
                        tool,
                        (context, request) -> tools.call(request.name(), callerOf.apply(context), request.arguments())))
                .toList();
    }

    static McpSchema.ResourceTemplate template() {
        return McpSchema.ResourceTemplate.builder(DOCUMENT_TEMPLATE, "document")
                .title("A document of the knowledge base")
                .description("The text and lineage of a document (or chunk) you may read; {id} is its document id"
                        + " or chunk id, URL-encoded.")
                .mimeType("text/plain")
                .build();
    }

    /** Reads {@code sluice://document/{id}} for {@code caller}; unreadable and missing answer alike. */
    static McpSchema.ReadResourceResult read(
            SluiceTools tools, McpCaller caller, McpSchema.ReadResourceRequest request) {
        String uri = request.uri();
        if (caller == null || uri == null || !uri.startsWith(DOCUMENT_PREFIX)) {
            throw McpError.RESOURCE_NOT_FOUND.apply(String.valueOf(uri));
        }
        String ref;
        try {
            ref = URLDecoder.decode(uri.substring(DOCUMENT_PREFIX.length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("the document id in " + ToolInput.printable(uri, 200) + " is not URL-encoded")
                    .build();
        }
        Map<String, Object> body;
        try {
            body = tools.document(caller, ref, ToolSchemas.MAX_DOCUMENT_CHARS);
        } catch (ToolInput.Invalid e) {
            throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
                    .message(e.getMessage())
                    .build();
        }
        String header = ToolViews.line("", body).strip();
        return McpSchema.ReadResourceResult.builder(
                        List.of(McpSchema.TextResourceContents.builder(uri, header + "\n\n" + body.get("text"))
                                .mimeType("text/plain")
                                .build()))
                .build();
    }

    static String version() {
        String v = SluiceMcp.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
