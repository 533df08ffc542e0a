package dev.sluice.serve;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Request ids and the access log. Every request gets an id: the client's {@code X-Request-Id} when it
 * is sane (1 to 128 characters of {@code A-Z a-z 0-9 . _ -}), a random UUID otherwise. The response
 * carries it back in {@code X-Request-Id}, and it sits in the SLF4J MDC as {@code requestId} while
 * the request is handled ({@link RequestTracing} adds {@code traceId} and {@code spanId} for
 * {@code /v1} routes), so every line logged on its behalf names it.
 *
 * <p>Once the response is written, one line goes to the {@code sluice.access} logger at INFO: method,
 * path and query, status, duration, body bytes, client address, the API key's id (never the key),
 * request and trace ids, each also as a key-value pair that a JSON log shows as a field of its own.
 * Query values whose name speaks of a secret ({@code key}, {@code token}, {@code secret}, {@code
 * password}) or that hold a Sluice key are written as {@code ***}; headers are never logged.
 *
 * <p>The MDC is thread-local and Javalin runs the whole request (before handlers, the handler, error
 * and after handlers, the request logger) on one virtual thread, so it is cleared when the request
 * starts and after its access line. A request Jetty refuses before routing (a malformed request line,
 * headers too large) reaches neither and has no line.
 */
final class AccessLog {
    /** The access log's logger; the CLI turns it off with {@code sluice serve --no-access-log}. */
    static final String LOGGER = "sluice.access";

    static final String HEADER = "X-Request-Id";
    static final String REQUEST_ID = "requestId";
    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(key|token|secret|password).*");
    private static final String ID_ATTRIBUTE = "sluice.requestId";
    private static final String TRACE_ATTRIBUTE = "sluice.traceId";

    private AccessLog() {}

    /** The first before handler of every request: its id in the response header, the request and the MDC. */
    static void begin(Context ctx) {
        String id = requestId(ctx.header(HEADER));
        ctx.attribute(ID_ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.clear(); // nothing of an earlier request on this thread may leak into this one's lines
        MDC.put(REQUEST_ID, id);
    }

    /** The client's id when it is sane, a new random one otherwise. */
    static String requestId(String offered) {
        return offered != null && SANE_ID.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }

    /** The request span's ids, for the MDC and the access line ({@link RequestTracing} calls it). */
    static void traced(Context ctx, String traceId, String spanId) {
        ctx.attribute(TRACE_ATTRIBUTE, traceId);
        MDC.put(TRACE_ID, traceId);
        MDC.put(SPAN_ID, spanId);
    }

    /** Javalin's request logger: called once the response is written, on the request's thread. */
    static void write(Context ctx, Float millis) {
        try {
            if (LOG.isInfoEnabled()) {
                log(ctx, millis == null ? 0 : millis);
            }
        } finally {
            MDC.clear();
        }
    }

    private static void log(Context ctx, float millis) {
        String requestId = ctx.attribute(ID_ATTRIBUTE);
        String traceId = ctx.attribute(TRACE_ATTRIBUTE);
        String method = ctx.req().getMethod();
        String query = redacted(ctx.queryString());
        int status = ctx.statusCode();
        double durationMs = Math.round(millis * 10) / 10.0;
        long bytes = bytesWritten(ctx);
        String keyId = Caller.present(ctx) ? Caller.of(ctx).key().id() : null;
        String target = ctx.path() + (query == null ? "" : "?" + query);
        // The message reads alone in a text log; a JSON log also has each part as a field.
        StringBuilder message = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(' ')
                .append(status)
                .append(' ')
                .append(String.format(Locale.ROOT, "%.1f", durationMs))
                .append(" ms");
        if (bytes >= 0) {
            message.append(' ').append(bytes).append(" B");
        }
        message.append(" from ").append(ctx.ip());
        message.append(" key ").append(keyId == null ? "-" : keyId);
        message.append(" request ").append(requestId == null ? "-" : requestId);
        message.append(" trace ").append(traceId == null ? "-" : traceId);
        if (requestId != null) {
            MDC.put(REQUEST_ID, requestId);
        }
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
        }
        LoggingEventBuilder line = LOG.atInfo().addKeyValue("method", method).addKeyValue("path", ctx.path());
        if (query != null) {
            line = line.addKeyValue("query", query);
        }
        line = line.addKeyValue("status", status).addKeyValue("durationMs", durationMs);
        if (bytes >= 0) {
            line = line.addKeyValue("bytes", bytes);
        }
        line = line.addKeyValue("client", ctx.ip());
        if (keyId != null) {
            line = line.addKeyValue("keyId", keyId);
        }
        line.log(message.toString());
    }

    /** The query string with the values of secret-looking parameters replaced by {@code ***}; null when none. */
    static String redacted(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            boolean secret = SECRET_NAME.matcher(name).matches()
                    || value.toLowerCase(Locale.ROOT).contains("sk_sluice_");
            out.append(eq < 0 || !secret ? pair : name + "=***");
        }
        return out.toString();
    }

    /**
     * Bytes of response body the handlers wrote (after compression, when Javalin compressed it), or -1
     * when Jetty cannot say.
     */
    private static long bytesWritten(Context ctx) {
        try {
            ServletContextResponse response = ServletContextResponse.getServletContextResponse(ctx.res());
            return response == null ? -1 : response.getHttpOutput().getWritten();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
