package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.observe.Tracing;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Locale;

/**
 * One span per API request: a W3C {@code traceparent} the client sends becomes its parent (so the
 * client's trace continues here), the response carries this request's {@code traceparent}, and the
 * span names the API key ({@link Tracing#KEY_ID}) so a trace is shown only to its caller or an admin.
 * The span's trace and span ids go into the MDC for the rest of the request ({@link AccessLog}).
 */
final class RequestTracing {
    @SuppressWarnings("deprecation") // keys() is still abstract in TextMapGetter; W3C extraction only calls get()
    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
            return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
            return ctx == null ? null : ctx.header(key);
        }
    };

    private RequestTracing() {}

    /** {@code handler} in a request span; routes outside {@code /v1} (health, metrics) are not traced. */
    static Handler traced(KnowledgeBase kb, String method, String path, Handler handler) {
        if (!path.startsWith("/v1/")) {
            return handler;
        }
        String name = method.toUpperCase(Locale.ROOT) + " " + path;
        return ctx -> {
            io.opentelemetry.context.Context parent = W3CTraceContextPropagator.getInstance()
                    .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
            try (Tracing.Operation op = kb.trace(name, parent, SpanKind.SERVER)) {
                SpanContext span = op.span().getSpanContext();
                ctx.header(
                        "traceparent",
                        "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                                + span.getTraceFlags().asHex()); // 00 when the sampler left this trace out
                AccessLog.traced(ctx, span.getTraceId(), span.getSpanId());
                op.span().setAttribute("http.request.method", method.toUpperCase(Locale.ROOT));
                op.span().setAttribute("http.route", path);
                if (Caller.present(ctx)) {
                    op.span().setAttribute(Tracing.KEY_ID, Caller.of(ctx).key().id());
                }
                try {
                    handler.handle(ctx);
                    op.span().setAttribute("http.response.status_code", ctx.statusCode());
                } catch (ApiError e) {
                    op.span().setAttribute("http.response.status_code", e.status());
                    throw e;
                } catch (Exception e) {
                    dev.sluice.observe.Traces.fail(op.span(), e);
                    throw e;
                }
            }
        };
    }
}
