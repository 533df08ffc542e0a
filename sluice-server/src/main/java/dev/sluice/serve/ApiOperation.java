package dev.sluice.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one route takes and answers, as its entry in the route table declares it: the parameters, the
 * body, and each status it answers with its schema. {@link OpenApi} writes {@code /openapi.json} from
 * these declarations alone, and {@link #checking} holds every request to them before its handler runs:
 * a query parameter the operation does not declare is 400 naming it and the ones it takes, a declared
 * one with a value of the wrong type or out of bounds is 400 naming it. Handlers read parameters and
 * bodies only through the declaration ({@link ApiParam#get}, {@link #jsonBody}, {@link #formField}),
 * so a handler cannot read what the document does not list.
 *
 * <p>A {@linkplain #freeForm free-form} operation is the way in for a route that is not REST (the MCP
 * endpoint speaks JSON-RPC in its body): it is listed with any JSON body and any JSON answer, and its
 * query string is not checked.
 *
 * <p>The 401, 403, 429, 500 and 503 answers of a route that needs a key are added by {@link OpenApi}
 * from the route's scope; 413 and 415 from its body. Everything else a route answers is declared here.
 */
final class ApiOperation {
    private static final String ATTRIBUTE = "sluice.api.operation";

    /** A request body: its media type, the component schema it follows and an example. */
    record Body(String mediaType, String schema, String example) {}

    /** One answer: its description and, per media type, its schema (a {@code $ref} map or inline). */
    record Reply(String description, Map<String, Map<String, Object>> content) {}

    private final String id;
    private final String summary;
    private final String description;
    private final List<ApiParam<?>> params;
    private final Body body;
    private final Map<Integer, Reply> replies;
    private final boolean freeForm;
    private final boolean anyKey;

    private ApiOperation(
            String id,
            String summary,
            String description,
            List<ApiParam<?>> params,
            Body body,
            Map<Integer, Reply> replies,
            boolean freeForm,
            boolean anyKey) {
        this.id = id;
        this.summary = summary;
        this.description = description;
        this.params = List.copyOf(params);
        this.body = body;
        this.replies = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(replies));
        this.freeForm = freeForm;
        this.anyKey = anyKey;
    }

    /**
     * An operation named {@code id} (its {@code operationId}: the method name a generated client gets)
     * that takes nothing yet and answers nothing yet.
     */
    static ApiOperation of(String id, String summary) {
        return new ApiOperation(id, summary, null, List.of(), null, Map.of(), false, false);
    }

    /**
     * A route listed as it is, without a REST shape: any JSON body, any JSON answer, query strings not
     * checked. For protocols carried over HTTP (MCP's JSON-RPC), never for a {@code /v1} REST route.
     */
    static ApiOperation freeForm(String id, String summary) {
        Map<String, Object> any = Map.of();
        return new ApiOperation(
                id,
                summary,
                null,
                List.of(),
                new Body("application/json", null, "{}"),
                Map.of(
                        200,
                        new Reply("the protocol's answer", Map.of("application/json", any)),
                        400,
                        new Reply(
                                "a message the protocol refuses, with the protocol's own error object",
                                Map.of("application/json", any))),
                true,
                false);
    }

    ApiOperation describe(String text) {
        return new ApiOperation(id, summary, text, params, body, replies, freeForm, anyKey);
    }

    ApiOperation params(ApiParam<?>... more) {
        List<ApiParam<?>> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return new ApiOperation(id, summary, description, all, body, replies, freeForm, anyKey);
    }

    /** A JSON body following component schema {@code schema}; its properties are the fields it may have. */
    ApiOperation jsonBody(String schema, String example) {
        return new ApiOperation(
                id,
                summary,
                description,
                params,
                new Body("application/json", schema, example),
                replies,
                freeForm,
                anyKey);
    }

    /** A {@code multipart/form-data} body following component schema {@code schema}. */
    ApiOperation multipartBody(String schema) {
        return new ApiOperation(
                id,
                summary,
                description,
                params,
                new Body("multipart/form-data", schema, null),
                replies,
                freeForm,
                anyKey);
    }

    /** Answers {@code status} with a JSON body following component schema {@code schema}. */
    ApiOperation json(int status, String description, String schema) {
        return reply(status, description, "application/json", ApiSchemas.ref(schema));
    }

    /** Answers {@code status} with a body of {@code mediaType} following {@code schema}. */
    ApiOperation reply(int status, String text, String mediaType, Map<String, Object> schema) {
        Map<Integer, Reply> all = new LinkedHashMap<>(replies);
        Reply earlier = all.get(status);
        Map<String, Map<String, Object>> content = new LinkedHashMap<>();
        if (earlier != null) {
            content.putAll(earlier.content());
        }
        content.put(mediaType, schema);
        all.put(status, new Reply(earlier == null ? text : earlier.description() + "; " + text, content));
        return new ApiOperation(id, summary, description, params, body, all, freeForm, anyKey);
    }

    /** Answers {@code status} with the error object, for the reason {@code text}. */
    ApiOperation error(int status, String text) {
        return reply(status, text, "application/json", ApiSchemas.ref(ApiSchemas.ERROR));
    }

    /**
     * Any valid key may call it, whatever its scopes (the route's handler limits what each key sees):
     * no 403 in the document.
     */
    ApiOperation anyKey() {
        return new ApiOperation(id, summary, description, params, body, replies, freeForm, true);
    }

    boolean isAnyKey() {
        return anyKey;
    }

    String id() {
        return id;
    }

    String summary() {
        return summary;
    }

    String description() {
        return description;
    }

    List<ApiParam<?>> params() {
        return params;
    }

    Body body() {
        return body;
    }

    Map<Integer, Reply> replies() {
        return replies;
    }

    boolean freeForm() {
        return freeForm;
    }

    /**
     * The handler, after the request's query string is checked against this declaration; the
     * operation travels with the request so that reads through it ({@link ApiParam#get}) can be checked.
     */
    Handler checking(String method, String path, Handler handler) {
        return ctx -> {
            ctx.attribute(ATTRIBUTE, this);
            if (!freeForm) {
                check(ctx, method.toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
            handler.handle(ctx);
        };
    }

    private void check(Context ctx, String route) {
        Set<String> known = new TreeSet<>();
        for (ApiParam<?> p : params) {
            if (p.in() == ApiParam.In.QUERY) {
                known.add(p.name());
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                unknown.add("'" + Http.printable(name) + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiError.badRequest((unknown.size() == 1 ? "unknown parameter " : "unknown parameters ")
                    + String.join(", ", unknown) + " for " + route + "; "
                    + (known.isEmpty() ? "it takes none" : "it takes " + String.join(", ", known))
                    + " (/openapi.json lists them)");
        }
        for (ApiParam<?> p : params) {
            if (p.in() == ApiParam.In.QUERY) {
                p.check(ctx.queryParams(p.name()));
            }
        }
    }

    /** The operation of the request; fails when the parameter is not among those it declares. */
    static void declaring(Context ctx, ApiParam<?> param) {
        ApiOperation op = current(ctx);
        if (!op.params.contains(param)) {
            throw new IllegalStateException(ctx.method() + " " + ctx.endpoint().path + " reads parameter '"
                    + param.name() + "', which its ApiOperation does not declare: add it to the route's params");
        }
    }

    private static ApiOperation current(Context ctx) {
        ApiOperation op = ctx.attribute(ATTRIBUTE);
        if (op == null) {
            throw new IllegalStateException(
                    ctx.method() + " " + ctx.path() + " is not a route of the table: it has no ApiOperation");
        }
        return op;
    }

    /**
     * The request's JSON body, an object whose fields are all properties of the operation's body
     * schema (400 naming an unknown one and those it takes).
     */
    static JsonNode jsonBody(Context ctx) {
        Body body = current(ctx).body;
        if (body == null || !body.mediaType().equals("application/json") || body.schema() == null) {
            throw new IllegalStateException(
                    ctx.method() + " " + ctx.endpoint().path + " reads a JSON body its ApiOperation does not declare");
        }
        return Http.object(ctx, ApiSchemas.properties(body.schema()), body.example());
    }

    /** A field of the operation's multipart body; fails when the body schema does not declare it. */
    static String formField(Context ctx, String name) {
        Body body = current(ctx).body;
        if (body == null
                || !body.mediaType().equals("multipart/form-data")
                || !ApiSchemas.properties(body.schema()).contains(name)) {
            throw new IllegalStateException(ctx.method() + " " + ctx.endpoint().path + " reads form field '" + name
                    + "', which its ApiOperation does not declare");
        }
        return ctx.formParam(name);
    }

    /** The parts of a multipart body the operation's schema does not declare, sorted; empty when none. */
    static Set<String> undeclaredParts(Context ctx) {
        Set<String> declared = ApiSchemas.properties(current(ctx).body.schema());
        Set<String> out = new TreeSet<>();
        for (String name : ctx.formParamMap().keySet()) {
            if (!declared.contains(name)) {
                out.add(name);
            }
        }
        for (String name : ctx.uploadedFileMap().keySet()) {
            if (!declared.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
