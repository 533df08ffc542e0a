package dev.sluice.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * OpenSearch's REST API over the JDK's {@link HttpClient}, JSON in and out with Jackson. Every failure
 * becomes a {@link SluiceException} that names {@code index.url} and what to do: the engine does not
 * answer, refuses the credentials, or refuses the request (with OpenSearch's own reason).
 *
 * <p>One per opened backend object; thread-safe; {@link #close} stops its named threads.
 */
final class OpenSearchHttp implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String authorization;
    private final ExecutorService threads;
    private final HttpClient client;

    /** {@code username} null: no credentials (a development cluster without the security plugin). */
    OpenSearchHttp(String url, String username, String password) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = username == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + (password == null ? "" : password))
                                        .getBytes(StandardCharsets.UTF_8));
        this.threads = Executors.newCachedThreadPool(
                Thread.ofPlatform().name("sluice-opensearch-", 0).daemon().factory());
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .executor(threads)
                .build();
    }

    String url() {
        return url;
    }

    /** An answer: the HTTP status and the JSON body (an empty object when there was none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** Sends {@code body} (null for none; a String is sent as is, as NDJSON) and returns any answer. */
    Answer call(String method, String path, Object body) {
        String text;
        try {
            text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a request to OpenSearch as JSON", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofMinutes(2))
                .header("Accept", "application/json")
                .method(
                        method,
                        text == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (text != null) {
            request.header("Content-Type", body instanceof String ? "application/x-ndjson" : "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new SluiceException("OpenSearch at " + url + " (index.url) does not answer (" + describe(e)
                    + "); start it, or set index.url to where it listens");
        } catch (HttpTimeoutException e) {
            throw new SluiceException("OpenSearch at " + url + " (index.url) did not answer " + method + " " + path
                    + " within 2 minutes; check the cluster's health");
        } catch (IOException e) {
            throw new SluiceException(
                    "OpenSearch at " + url + " (index.url) broke off " + method + " " + path + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("interrupted while waiting for OpenSearch at " + url);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SluiceException("OpenSearch at " + url + " (index.url) refused "
                    + (authorization == null ? "a request without credentials" : "the credentials") + " ("
                    + response.statusCode() + " on " + method + " " + path
                    + "); set index.usernameEnv and index.passwordEnv to the environment variables holding a user"
                    + " allowed to manage the index");
        }
        JsonNode parsed;
        try {
            parsed = response.body() == null || response.body().isBlank()
                    ? JSON.createObjectNode()
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SluiceException("OpenSearch at " + url + " (index.url) answered " + method + " " + path
                    + " with something other than JSON (status " + response.statusCode()
                    + "); is index.url an OpenSearch node?");
        }
        return new Answer(response.statusCode(), parsed);
    }

    /** As {@link #call}, failing with OpenSearch's reason unless the answer is a 2xx. */
    JsonNode ok(String method, String path, Object body) {
        Answer answer = call(method, path, body);
        if (!answer.ok()) {
            throw refused(method + " " + path, answer);
        }
        return answer.body();
    }

    /** A failure naming what OpenSearch said about {@code what}. */
    SluiceException refused(String what, Answer answer) {
        return new SluiceException("OpenSearch at " + url + " (index.url) refused " + what + " (status "
                + answer.status() + "): " + reason(answer.body()));
    }

    /** OpenSearch's {@code error.reason} (with the root cause's), or the body itself. */
    static String reason(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.isObject()) {
            String reason =
                    error.path("type").asText() + ": " + error.path("reason").asText();
            JsonNode root = error.path("root_cause").path(0);
            if (root.isObject()
                    && !root.path("reason").asText().equals(error.path("reason").asText())) {
                reason += " (" + root.path("reason").asText() + ")";
            }
            JsonNode caused = error.path("caused_by");
            if (caused.isObject()) {
                reason += "; caused by " + caused.path("reason").asText();
            }
            return reason;
        }
        String text = body.toString();
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        client.close();
        threads.shutdownNow();
    }
}
