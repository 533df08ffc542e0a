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
 * the SDK sees it. The response body is held until the transport is done: the SDK writes its own
 * errors as whole serialized exceptions (stack trace included), which leave as plain JSON-RPC errors.
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
        HeldBody held = new HeldBody(response);
        transport.service(new ReadBody(request, body), held);
        byte[] out = held.bytes();
        if (response.getStatus() >= 400 && out.length > 0) {
            out = cleanError(out, body); // the SDK writes its errors as whole exceptions, stack trace included
        }
        response.getOutputStream().write(out);
        response.getOutputStream().flush();
    }

    /**
     * The SDK's error body (a serialized {@code McpError}: its JSON-RPC error beside the exception's
     * stack trace) as a plain JSON-RPC error response to the request's id.
     */
    private static byte[] cleanError(byte[] sdkBody, byte[] requestBody) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode id = null;
        int code = McpSchema.ErrorCodes.INTERNAL_ERROR;
        String message = "the request failed";
        try {
            id = json.readTree(requestBody).get("id");
            com.fasterxml.jackson.databind.JsonNode error =
                    json.readTree(sdkBody).path("jsonRpcError");
            if (error.path("code").isInt()) {
                code = error.get("code").asInt();
            }
            if (error.path("message").isTextual()) {
                message = error.get("message").asText();
            }
        } catch (IOException | RuntimeException unreadable) {
            // keep the generic message: what the SDK wrote is not shown to the client
        }
        return StdinGuard.error(id, code, ToolInput.printable(message, 500)).getBytes(StandardCharsets.UTF_8);
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

    /** The response, its body held here until the transport is done, so that an error body can be cleaned. */
    private static final class HeldBody extends jakarta.servlet.http.HttpServletResponseWrapper {
        private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        private java.io.PrintWriter writer;

        HeldBody(HttpServletResponse response) {
            super(response);
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() {
            return new jakarta.servlet.ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(jakarta.servlet.WriteListener listener) {
                    throw new UnsupportedOperationException("the body is held until the transport is done");
                }
            };
        }

        @Override
        public java.io.PrintWriter getWriter() {
            if (writer == null) {
                writer = new java.io.PrintWriter(new java.io.OutputStreamWriter(body, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            if (writer != null) {
                writer.flush();
            }
        }

        byte[] bytes() {
            flushBuffer();
            return body.toByteArray();
        }
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
