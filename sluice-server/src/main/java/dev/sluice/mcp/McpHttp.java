package dev.sluice.mcp;

import dev.sluice.KnowledgeBase;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The MCP server over streamable HTTP, stateless: the SDK's servlet transport, called from the
 * service's own {@code POST /mcp} handler rather than mounted beside it, so every MCP request goes
 * through what every other request does first (request id, access log, metrics, tracing, API key and
 * rate limit: 401 before any MCP processing). Stateless because each request carries its own key: no
 * session outlives a request, none can be taken over by another key, none piles up in memory, and
 * any replica can answer; the tools need nothing pushed from the server, so {@code GET /mcp} (a
 * server-to-client stream) is answered 405, which clients take as "no stream".
 *
 * <p>The body is read here first, up to the service's limit, and checked ({@link StdinGuard#check}):
 * a body that is not one JSON-RPC message is answered with a JSON-RPC error naming the problem before
 * the SDK sees it.
 */
public final class McpHttp implements AutoCloseable {
    /** The request attribute the service puts the request's {@link McpCaller} in. */
    static final String CALLER = "sluice.mcp.caller";

    private final HttpServletStatelessServerTransport transport;
    private final McpStatelessSyncServer server;
    private final int maxBodyBytes;

    private McpHttp(HttpServletStatelessServerTransport transport, McpStatelessSyncServer server, int maxBodyBytes) {
        this.transport = transport;
        this.server = server;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The MCP server over {@code kb} at {@code endpoint}, refusing bodies over {@code maxBodyBytes}. */
    public static McpHttp create(KnowledgeBase kb, String endpoint, int maxBodyBytes) {
        HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                .jsonMapper(SluiceMcp.JSON)
                .messageEndpoint(endpoint)
                .maxRequestSize(maxBodyBytes)
                .contextExtractor(request -> {
                    Object caller = request.getAttribute(CALLER);
                    return caller == null
                            ? McpTransportContext.EMPTY
                            : McpTransportContext.create(Map.of(CALLER, caller));
                })
                .build();
        SluiceTools tools = new SluiceTools(kb);
        McpStatelessSyncServer server = McpServer.sync(transport)
                .jsonMapper(SluiceMcp.JSON)
                .serverInfo("sluice", SluiceMcp.version())
                .instructions(SluiceMcp.INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder()
                        .tools(false)
                        .resources(false, false)
                        .build())
                .validateToolInputs(false) // ToolInput checks every argument and names it in the message
                .immediateExecution(true) // on the request's thread: its span and MDC stay current
                .tools(SluiceMcp.statelessTools(tools, McpHttp::callerOf))
                .resourceTemplates(
                        new io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                                SluiceMcp.template(),
                                (context, request) -> SluiceMcp.read(tools, callerOf(context), request)))
                .build();
        return new McpHttp(transport, server, maxBodyBytes);
    }

    private static McpCaller callerOf(Object context) {
        return context instanceof McpTransportContext c && c.get(CALLER) instanceof McpCaller caller ? caller : null;
    }

    /** Answers one {@code POST} for {@code caller}, the authenticated key of the request. */
    public void handle(HttpServletRequest request, HttpServletResponse response, McpCaller caller)
            throws IOException, ServletException {
        byte[] body = read(request.getInputStream());
        if (body == null) {
            reply(
                    response,
                    413,
                    StdinGuard.error(
                            null,
                            McpSchema.ErrorCodes.INVALID_REQUEST,
                            "the request body is larger than " + maxBodyBytes + " bytes; send smaller requests"));
            return;
        }
        String problem = StdinGuard.check(new String(body, StandardCharsets.UTF_8));
        if (problem != null) {
            reply(response, 400, problem);
            return;
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("application/json") || !accept.contains("text/event-stream")) {
            reply(
                    response,
                    406,
                    StdinGuard.error(
                            null,
                            McpSchema.ErrorCodes.INVALID_REQUEST,
                            "send Accept: application/json, text/event-stream (MCP streamable HTTP)"));
            return;
        }
        request.setAttribute(CALLER, caller);
        transport.service(new ReadBody(request, body), response);
    }

    /** The body, or null when it is longer than the limit. */
    private byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(maxBodyBytes + 1);
        return bytes.length > maxBodyBytes ? null : bytes;
    }

    private static void reply(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        response.getOutputStream().flush();
    }

    @Override
    public void close() {
        server.close();
    }

    /** The request with its body, already read here, readable once more by the transport. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
