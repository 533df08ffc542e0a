package dev.sluice.serve;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a route sees the request (a request line or header it
 * cannot parse, control characters or bad UTF-8 in the URI, a URI or headers over the size cap), in
 * the service's one shape {@code {"code", "message"}} instead of Jetty's HTML page. The message is
 * Jetty's reason (such as "Illegal character CNTL=0x1"), never an exception's text.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final int maxHeaderBytes;

    JsonErrorHandler(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // a body for every method (Jetty writes one for GET, POST and HEAD only); HEAD drops it
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String reason, Throwable cause, Callback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", ErrorResponses.code(status));
        body.put("message", message(status, reason, cause));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Http.write(body).getBytes(StandardCharsets.UTF_8)), callback);
    }

    private String message(int status, String reason, Throwable cause) {
        return switch (status) {
            case 414 ->
                "the request URI is longer than the service accepts (" + maxHeaderBytes
                        + " bytes for the request line and headers together)";
            case 431 ->
                "the request headers are larger than the service accepts (" + maxHeaderBytes
                        + " bytes for the request line and headers together)";
            case 500 -> "unexpected failure; the server log has the details";
            default -> {
                boolean exceptionText = reason == null || (cause != null && reason.equals(cause.toString()));
                String why = exceptionText ? HttpStatus.getMessage(status) : reason;
                yield status == 400 ? "the request cannot be parsed: " + why : why;
            }
        };
    }
}
