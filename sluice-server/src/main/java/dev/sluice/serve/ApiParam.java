package dev.sluice.serve;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One query or path parameter as a route's {@link ApiOperation} declares it and its handler reads it:
 * name, type, bounds, default and description in one place, from which {@code /openapi.json} is written
 * and against which every request is checked before its handler runs.
 *
 * <p>A handler reads a parameter only through {@link #get} or {@link #all}, which fail (a 500 in the
 * tests that call every route) when the route's operation does not declare it; so a parameter the
 * document does not list cannot be read. Path parameters are documented and read here, but checked by
 * their handlers (an id that is not a number is 400 or 404, as each route documents).
 *
 * @param <T> what a value reads as
 */
final class ApiParam<T> {
    /** Where the parameter is. */
    enum In {
        QUERY,
        PATH
    }

    private final String name;
    private final In in;
    private final String description;
    private final Map<String, Object> schema;
    private final boolean required;
    private final boolean repeated;
    private final String example;
    private final T fallback;
    private final Function<String, T> parse;

    private ApiParam(
            String name,
            In in,
            String description,
            Map<String, Object> schema,
            boolean required,
            boolean repeated,
            String example,
            T fallback,
            Function<String, T> parse) {
        this.name = name;
        this.in = in;
        this.description = description;
        this.schema = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(schema));
        this.required = required;
        this.repeated = repeated;
        this.example = example;
        this.fallback = fallback;
        this.parse = parse;
    }

    /** An optional string; blank values are passed on as they are. */
    static ApiParam<String> text(String name, String description) {
        return new ApiParam<>(name, In.QUERY, description, Map.of("type", "string"), false, false, null, null, v -> v);
    }

    /**
     * A required string that must not be blank; a request without it is 400 with {@code example} as
     * the fix ({@code q is required, e.g. ?q=how+do+I+install}).
     */
    static ApiParam<String> requiredText(String name, String description, String example) {
        return new ApiParam<>(
                name,
                In.QUERY,
                description,
                Map.of("type", "string", "minLength", 1, "pattern", "\\S"),
                true,
                false,
                example,
                null,
                v -> {
                    if (v.isBlank()) {
                        throw missing(name, example);
                    }
                    return v;
                });
    }

    /** A string that may be given several times ({@code ?source=a&source=b}); read with {@link #all}. */
    static ApiParam<String> texts(String name, String description) {
        return new ApiParam<>(name, In.QUERY, description, Map.of("type", "string"), false, true, null, null, v -> v);
    }

    /**
     * A whole number from {@code min} to {@code max} in ASCII digits; {@code fallback} when absent (null:
     * no default).
     */
    static ApiParam<Integer> integer(String name, Integer fallback, int min, int max, String description) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "integer");
        schema.put("minimum", min);
        schema.put("maximum", max);
        if (fallback != null) {
            schema.put("default", fallback);
        }
        return new ApiParam<>(
                name,
                In.QUERY,
                description,
                schema,
                false,
                false,
                null,
                fallback,
                v -> Http.wholeNumber(name, v, min, max));
    }

    /** {@code true} or {@code false} (case ignored); {@code fallback} when absent. */
    static ApiParam<Boolean> bool(String name, boolean fallback, String description) {
        return new ApiParam<>(
                name,
                In.QUERY,
                description,
                Map.of("type", "boolean", "default", fallback),
                false,
                false,
                null,
                fallback,
                v -> {
                    if (v.equalsIgnoreCase("true")) {
                        return true;
                    }
                    if (v.equalsIgnoreCase("false")) {
                        return false;
                    }
                    throw ApiError.badRequest(name + " must be true or false, got '" + Http.printable(v) + "'");
                });
    }

    /**
     * One of {@code values} (case and surrounding blanks ignored), read as the value listed; {@code
     * fallback} when absent.
     */
    static ApiParam<String> choice(String name, String fallback, List<String> values, String description) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put("enum", List.copyOf(values));
        schema.put("default", fallback);
        return new ApiParam<>(name, In.QUERY, description, schema, false, false, null, fallback, v -> {
            for (String value : values) {
                if (value.equalsIgnoreCase(v.strip())) {
                    return value;
                }
            }
            throw ApiError.badRequest(name + " must be " + oneOf(values) + ", got '" + Http.printable(v) + "'");
        });
    }

    /** A path parameter ({@code /v1/jobs/{id}}), read as the raw text; its handler checks it. */
    static ApiParam<String> path(String name, Map<String, Object> schema, String description) {
        return new ApiParam<>(name, In.PATH, description, schema, true, false, null, null, v -> v);
    }

    /** The same parameter with an example value, shown in the document (and used by its tests). */
    ApiParam<T> example(String value) {
        return new ApiParam<>(name, in, description, schema, required, repeated, value, fallback, parse);
    }

    String name() {
        return name;
    }

    In in() {
        return in;
    }

    boolean required() {
        return required;
    }

    boolean repeated() {
        return repeated;
    }

    /** The parameter object of the OpenAPI document. */
    Map<String, Object> openApi() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in.name().toLowerCase(Locale.ROOT));
        p.put("description", description);
        p.put("required", required);
        Map<String, Object> s = new LinkedHashMap<>(schema);
        if (example != null && !schema.containsKey("enum")) {
            s.put("examples", List.of(example));
        }
        if (repeated) {
            p.put("schema", Map.of("type", "array", "items", s));
            p.put("style", "form");
            p.put("explode", true);
        } else {
            p.put("schema", s);
        }
        return p;
    }

    /** The value of a request, or the default when absent (null when there is none). */
    T get(Context ctx) {
        ApiOperation.declaring(ctx, this);
        String value = in == In.PATH ? ctx.pathParam(name) : ctx.queryParam(name);
        return value == null ? fallback : parse.apply(value);
    }

    /** Every value of a repeatable parameter, in the order given; empty when absent. */
    List<T> all(Context ctx) {
        ApiOperation.declaring(ctx, this);
        List<T> out = new ArrayList<>();
        for (String value : ctx.queryParams(name)) {
            out.add(parse.apply(value));
        }
        return out;
    }

    /** Checks a query parameter's values as a request sent them: present if required, once if single, each valid. */
    void check(List<String> values) {
        if (values.isEmpty()) {
            if (required) {
                throw missing(name, example);
            }
            return;
        }
        if (!repeated && values.size() > 1) {
            throw ApiError.badRequest(name + " is given " + values.size() + " times; give it once");
        }
        for (String value : values) {
            parse.apply(value);
        }
    }

    private static ApiError missing(String name, String example) {
        return ApiError.badRequest(name + " is required"
                + (example == null
                        ? ""
                        : ", e.g. ?" + name + "="
                                + java.net.URLEncoder.encode(example, java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String oneOf(List<String> values) {
        if (values.size() == 1) {
            return values.getFirst();
        }
        return String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.getLast();
    }
}
