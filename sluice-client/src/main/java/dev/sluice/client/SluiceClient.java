package dev.sluice.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of the Sluice HTTP service ({@code sluice serve}): {@code GET /v1/search} and {@code POST
 * /v1/ask}, with the caller's API key. Thread-safe; one instance serves a whole application. Close it to
 * release its HTTP client's threads.
 *
 * <pre>{@code
 * try (SluiceClient sluice = SluiceClient.builder()
 *         .baseUrl("http://127.0.0.1:7878")
 *         .apiKey(System.getenv("SLUICE_API_KEY"))
 *         .build()) {
 *     for (Hit hit : sluice.search(SearchQuery.of("parental leave").withK(3)).hits()) {
 *         System.out.println(hit.score() + " " + hit.citation());
 *     }
 * }
 * }</pre>
 *
 * <p>A refusal is a {@link SluiceApiException} (a subclass for 401, 403, 429 and 5xx) carrying the
 * service's {@code code} and {@code message}; a service that cannot be reached or answers with something
 * other than its JSON is a {@link SluiceClientException} naming the URL. The key is sent as {@code
 * Authorization: Bearer} and never appears in a message.
 */
public final class SluiceClient implements HitSource, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fields of a search hit that {@link Hit} has as components; every other field goes to its metadata. */
    private static final List<String> HIT_FIELDS = List.of(
            "rank",
            "score",
            "chunkId",
            "uri",
            "source",
            "path",
            "type",
            "title",
            "headingPath",
            "pageStart",
            "pageEnd",
            "citation",
            "text",
            "snippet");

    private final URI baseUrl;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final boolean ownsHttp;

    private SluiceClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.apiKey = b.apiKey;
        this.timeout = b.timeout;
        this.ownsHttp = b.http == null;
        this.http = b.http != null
                ? b.http
                : HttpClient.newBuilder().connectTimeout(b.timeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service's address, as given (without a trailing slash). */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code GET /v1/search}: the best chunks for the query that the key may read. */
    @Override
    public SearchResults search(SearchQuery query) {
        StringBuilder q = new StringBuilder("/v1/search?q=").append(encode(query.text()));
        q.append("&mode=").append(query.mode().label()).append("&k=").append(query.k());
        Filters f = query.filters();
        f.sources().forEach(s -> q.append("&source=").append(encode(s)));
        if (f.path() != null) {
            q.append("&path=").append(encode(f.path()));
        }
        f.types().forEach(t -> q.append("&type=").append(encode(t)));
        f.issuers().forEach(i -> q.append("&issuer=").append(encode(i)));
        if (f.year() != 0) {
            q.append("&year=").append(f.year());
        }
        f.metadata()
                .forEach((field, values) ->
                        values.forEach(v -> q.append("&meta=").append(encode(field + "=" + v))));
        if (query.rerank() != null) {
            q.append("&rerank=").append(query.rerank());
        }
        String url = baseUrl + q.toString();
        JsonNode body = send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
        List<Hit> hits = new ArrayList<>();
        for (JsonNode r : body.path("results")) {
            hits.add(hit(r));
        }
        return new SearchResults(
                query, hits, body.path("rerank").path("reordered").asBoolean(false), text(body, "traceId"));
    }

    /** {@code POST /v1/ask}: an answer from the {@code k} best passages, with checked citations. */
    public Answer ask(String question, int k) {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("the question must not be blank");
        }
        if (k < 1 || k > 100) {
            throw new IllegalArgumentException("k must be from 1 to 100, got " + k);
        }
        String url = baseUrl + "/v1/ask";
        String json;
        try {
            json = JSON.writeValueAsString(Map.of("question", question, "k", k));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a question as JSON", e);
        }
        JsonNode body = send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)),
                url);
        List<Citation> citations = new ArrayList<>();
        for (JsonNode c : body.path("citations")) {
            citations.add(new Citation(
                    c.path("number").asInt(),
                    text(c, "chunkId"),
                    text(c, "uri"),
                    text(c, "path"),
                    c.path("pageStart").asInt(),
                    c.path("pageEnd").asInt(),
                    strings(c.path("headingPath")),
                    text(c, "source")));
        }
        return new Answer(
                text(body, "id"),
                text(body, "question"),
                text(body, "answer"),
                text(body, "kind"),
                body.path("grounded").asBoolean(false),
                citations,
                text(body, "note"),
                text(body, "traceId"));
    }

    private JsonNode send(HttpRequest.Builder request, String url) {
        request.timeout(timeout).header("Accept", "application/json");
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new SluiceClientException(
                    "Sluice at " + url + " did not answer within " + timeout.toMillis()
                            + " ms; raise the client's timeout or check the service",
                    e);
        } catch (IOException e) {
            throw new SluiceClientException(
                    "cannot reach Sluice at " + url + ": " + e + "; is sluice serve running there?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceClientException("interrupted while calling Sluice at " + url, e);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 != 2) {
            String code =
                    body != null && body.hasNonNull("code") ? body.get("code").asText() : "http_" + status;
            String message = body != null && body.hasNonNull("message")
                    ? body.get("message").asText()
                    : abbreviate(response.body());
            long retryAfter = response.headers()
                    .firstValue("Retry-After")
                    .map(SluiceClient::seconds)
                    .orElse(0L);
            throw SluiceApiException.of(url, status, code, message, retryAfter);
        }
        if (body == null || !body.isObject()) {
            throw new SluiceClientException(
                    "Sluice at " + url + " answered " + status + " with something other than " + "a JSON object: "
                            + abbreviate(response.body()) + "; is the URL the service's (not a proxy's page)?");
        }
        return body;
    }

    private static Hit hit(JsonNode r) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        r.properties().forEach(e -> {
            if (!HIT_FIELDS.contains(e.getKey()) && !e.getValue().isNull()) {
                metadata.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
            }
        });
        return new Hit(
                r.path("rank").asInt(),
                r.path("score").asDouble(),
                text(r, "uri"),
                text(r, "chunkId"),
                text(r, "source"),
                text(r, "path"),
                text(r, "type"),
                text(r, "title"),
                strings(r.path("headingPath")),
                r.path("pageStart").asInt(),
                r.path("pageEnd").asInt(),
                text(r, "citation"),
                text(r, "text"),
                text(r, "snippet"),
                metadata);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static long seconds(String retryAfter) {
        try {
            return Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 0; // an HTTP date: the caller waits the minimum
        }
    }

    private static String abbreviate(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    /** Settings of a {@link SluiceClient}; {@link #baseUrl} is required. */
    public static final class Builder {
        private URI baseUrl;
        private String apiKey;
        private Duration timeout = Duration.ofSeconds(30);
        private HttpClient http;

        private Builder() {}

        /** The service's address, such as {@code http://127.0.0.1:7878} (a path before {@code /v1} is kept). */
        public Builder baseUrl(String url) {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException(
                        "baseUrl must be the service's address, such as http://127.0.0.1:7878");
            }
            String u = url.strip();
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(u);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a URL: '" + url + "'; use http://host:port", e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "baseUrl must start with http:// or https:// and name a host, got '" + url + "'");
            }
            this.baseUrl = uri;
            return this;
        }

        /**
         * The API key ({@code sk_sluice_...}, from {@code sluice keys create --scopes query}); read it from the
         * environment or a secret store, never from source code: {@code apiKey(System.getenv("SLUICE_API_KEY"))}.
         * Null or blank sends none (the service then answers 401).
         */
        public Builder apiKey(String key) {
            this.apiKey = key == null || key.isBlank() ? null : key.strip();
            return this;
        }

        /** How long one call may take, connecting included (default 30 s; an answer from a model takes seconds). */
        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + value);
            }
            this.timeout = value;
            return this;
        }

        /** An HTTP client of the application's (a proxy, TLS settings); the client will not close it. */
        public Builder httpClient(HttpClient client) {
            this.http = client;
            return this;
        }

        public SluiceClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required, such as http://127.0.0.1:7878");
            }
            return new SluiceClient(this);
        }
    }
}
