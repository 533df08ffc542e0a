package dev.sluice.serve;

import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.serve.ui.Dashboard;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: every error leaves as {@code {"code",
 * "message"}} with a 4xx status for a client's mistake, a 5xx only for the service's own failures,
 * and never a stack trace. Jetty's own errors, raised before a route sees the request, go through
 * {@link JsonErrorHandler} in the same shape.
 *
 * <p>What the client does to the connection is the client's: a body that stalls past the idle
 * timeout or trickles under the minimum rate is 408 {@code request_timeout}; a body that breaks off
 * (a malformed chunk size, a connection still open) is 400; a client that closed the connection
 * before its answer is logged at debug and counted as 499 {@code client_closed_request} in the
 * access log and metrics (nobody is left to read an answer).
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(400, "bad_request"),
            Map.entry(401, "unauthenticated"),
            Map.entry(403, "forbidden"),
            Map.entry(404, "not_found"),
            Map.entry(405, "method_not_allowed"),
            Map.entry(408, "request_timeout"),
            Map.entry(413, "too_large"),
            Map.entry(414, "uri_too_long"),
            Map.entry(415, "unsupported_media_type"),
            Map.entry(429, "rate_limited"),
            Map.entry(431, "headers_too_large"),
            Map.entry(499, "client_closed_request"),
            Map.entry(500, "internal"),
            Map.entry(503, "unavailable"));

    private final SluiceServer.Limits limits;

    private ErrorResponses(SluiceServer.Limits limits) {
        this.limits = limits;
    }

    /** A failure of a request's connection that a handler caught and passes on unchanged. */
    static final class ConnectionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionFailure(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Whether the failure comes from how the client sent its request: a stall, a trickle, a break. */
    static boolean fromTheConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof EofException) {
                return true;
            }
        }
        return false;
    }

    /** The stable code of a status the service answers with. */
    static String code(int status) {
        return CODES.getOrDefault(status, "http_" + status);
    }

    static void register(RoutesConfig routes, SluiceServer.Limits limits) {
        ErrorResponses errors = new ErrorResponses(limits);
        routes.exception(ApiError.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            Http.error(ctx, e.status(), e.code(), e.getMessage());
        });
        // A value the client sent that cannot be used (the message names it): the client's to fix.
        routes.exception(UsageException.class, (e, ctx) -> Http.error(ctx, 400, "bad_request", e.getMessage()));
        routes.exception(SluiceException.class, (e, ctx) -> Http.error(ctx, 503, "unavailable", e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            ApiError client = errors.clientFailure(ctx, e);
            if (client != null) {
                Http.error(ctx, client.status(), client.code(), client.getMessage());
            } else if (e instanceof java.io.UncheckedIOException) {
                LOG.debug("I/O failure on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                Http.error(ctx, 400, "io", "the request could not be read or answered: " + e.getMessage());
            } else {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                Http.error(ctx, 500, "internal", "unexpected failure; the server log has the details");
            }
        });
        // Answers Javalin gives itself (no route, a wrong method, a body over the cap, a body that timed
        // out) come without a body or with Javalin's own; they leave in the one shape.
        routes.error(404, "*", ctx -> {
            if (Dashboard.owns(ctx.path()) && ctx.result() != null) {
                return; // the dashboard's own page for it
            }
            errors.unlessJson(ctx, 404, "no route " + ctx.method() + " " + ctx.path());
        });
        routes.error(405, "*", ctx -> {
            String allow = ctx.res().getHeader("Allow"); // Javalin's: the methods the path's routes have
            errors.unlessJson(
                    ctx,
                    405,
                    "no route " + ctx.method() + " " + ctx.path() + (allow == null ? "" : "; it takes " + allow));
        });
        routes.error(408, "*", ctx -> {
            Object cutOff = ctx.attribute(MinimumBodyRate.CUT_OFF);
            errors.unlessJson(ctx, 408, cutOff != null ? cutOff.toString() : errors.stalled());
        });
        routes.error(
                413, "*", ctx -> errors.unlessJson(ctx, 413, "the request body is larger than the service accepts"));
    }

    private void unlessJson(Context ctx, int status, String message) {
        if (ctx.result() == null || !ctx.result().startsWith("{")) {
            Http.error(ctx, status, code(status), message);
        }
    }

    private String stalled() {
        return "the request body stalled: nothing arrived for " + limits.idleTimeoutMillis() + " ms";
    }

    /**
     * What a failure the client caused by the way it sent (or stopped sending) its request answers,
     * or null when the failure is the service's own.
     */
    ApiError clientFailure(Context ctx, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MinimumBodyRate.TooSlow) {
                return new ApiError(408, "request_timeout", t.getMessage());
            }
            if (t instanceof TimeoutException) {
                return new ApiError(408, "request_timeout", stalled());
            }
            if (t instanceof EofException) {
                if (clientGone(ctx)) {
                    return new ApiError(
                            499, "client_closed_request", "the client closed the connection before its answer");
                }
                return ApiError.badRequest("the request body is malformed or ended early (" + t.getMessage()
                        + "): check its Content-Length or chunked encoding");
            }
        }
        return null;
    }

    /** Whether the client closed its side of the connection (nothing more will come, nobody may read). */
    private static boolean clientGone(Context ctx) {
        try {
            EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req())
                    .getConnectionMetaData()
                    .getConnection()
                    .getEndPoint();
            return !endPoint.isOpen() || endPoint.isInputShutdown();
        } catch (RuntimeException notJetty) {
            return true;
        }
    }
}
