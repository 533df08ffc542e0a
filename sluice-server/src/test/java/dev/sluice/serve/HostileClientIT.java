package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What a hostile or broken client gets from the real service over real sockets (issue 15): slow
 * headers and bodies are cut off within documented times, and every refusal, including those Jetty
 * answers before a route sees the request, is {@code {"code", "message"}} JSON with a 4xx status;
 * a client that hangs up is neither an ERROR nor a 500. The limits are short here (the defaults are
 * tens of seconds); the code paths are the same.
 */
class HostileClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_MILLIS = 1_500;
    private static final long HEADER_MILLIS = 1_000;
    private static final long GRACE_MILLIS = 500;

    @TempDir
    static Path work;

    static SluiceServer server;
    static HttpClient http;
    static String base;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(work.resolve("sluice.yaml"), "index: index\nsources: []\n");
        SluiceConfig config = ConfigLoader.load(work.resolve("sluice.yaml"));
        Files.createDirectories(config.index());
        try (SqliteCatalog catalog = SqliteCatalog.open(config.index().resolve(SqliteCatalog.FILE_NAME))) {
            key = ApiKeys.create(
                            catalog,
                            "mallory",
                            List.of(),
                            List.of("query", "ingest", "admin"),
                            System.currentTimeMillis())
                    .key();
        }
        server = TestServers.start(
                config,
                config.index(),
                "127.0.0.1",
                0,
                SluiceServer.Limits.DEFAULTS
                        .withRate(1000, 1000)
                        .withIdleTimeoutMillis(IDLE_MILLIS)
                        .withHeaderTimeoutMillis(HEADER_MILLIS)
                        .withMinBodyRate(1024, GRACE_MILLIS));
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
        http.close();
    }

    /** What came back on a raw connection, and how long after the last write the server closed it. */
    private record Exchange(String answer, long closedAfterMillis) {
        int status() {
            return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
        }

        JsonNode json() throws Exception {
            int body = answer.indexOf("\r\n\r\n");
            return JSON.readTree(answer.substring(body + 4));
        }

        String header(String name) {
            for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    /**
     * Writes {@code parts} with {@code pauseMillis} between them, stopping when the server closes;
     * reads until the server closes (or 10 s, the test's own limit: the server must act well before).
     */
    private static Exchange raw(long pauseMillis, String... parts) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder answer = new StringBuilder();
            long[] closedAt = new long[1];
            InputStream in = socket.getInputStream();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    byte[] buffer = new byte[8192];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        synchronized (answer) {
                            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (java.io.IOException e) {
                    // reset or timed out: closedAt says when
                }
                closedAt[0] = System.nanoTime();
            });
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            try {
                for (String part : parts) {
                    if (!reader.isAlive()) {
                        break;
                    }
                    out.write(part.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    if (pauseMillis > 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            } catch (java.io.IOException closedByTheServer) {
                // the server cut the request off while it was being written
            }
            reader.join(15_000);
            synchronized (answer) {
                return new Exchange(answer.toString(), (closedAt[0] - start) / 1_000_000);
            }
        }
    }

    private static String head(String requestLine, String... headers) {
        return requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n"
                + String.join(
                        "",
                        java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList()) + "\r\n";
    }

    private static void assertJsonError(Exchange e, int status, String code) throws Exception {
        assertThat(e.status()).as(e.answer()).isEqualTo(status);
        assertThat(e.header("Content-Type")).as(e.answer()).startsWith("application/json");
        assertThat(e.json().get("code").asText()).as(e.answer()).isEqualTo(code);
        assertThat(e.json().get("message").asText()).as(e.answer()).isNotBlank();
        assertThat(e.answer()).doesNotContain("Exception").doesNotContain("<html");
    }

    @Test
    void should_cut_off_a_body_trickled_under_the_minimum_rate_even_after_other_bodies_were_read() throws Exception {
        // Bodies read before count for nothing: Jetty's own handler divided every request's bytes by this one's time.
        String big = "{\"question\": \"" + "warm ".repeat(20_000) + "\"}";
        HttpResponse<String> warm = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/ask"))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(big))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(warm.statusCode()).as(warm.body()).isEqualTo(400); // too long a question; the body was read

        String[] parts = new String[101];
        parts[0] = head("POST /v1/ask HTTP/1.1", "Content-Type: application/json", "Content-Length: 100");
        java.util.Arrays.fill(parts, 1, parts.length, " "); // 10 bytes a second
        long start = System.nanoTime();
        Exchange e = raw(100, parts);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertJsonError(e, 408, "request_timeout");
        assertThat(e.json().get("message").asText()).contains("too slowly").contains("1024 bytes a second");
        assertThat(millis).as("cut off after %d ms", millis).isBetween(GRACE_MILLIS, GRACE_MILLIS + IDLE_MILLIS);
    }

    @Test
    void should_close_a_connection_whose_headers_trickle_past_the_header_deadline() throws Exception {
        String[] lines = new String[40];
        lines[0] = "GET /healthz HTTP/1.1\r\n";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = "X-Line-" + i + ": a line every 200 ms, never a pause as long as the idle timeout\r\n";
        }
        long start = System.nanoTime();
        Exchange e = raw(200, lines);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(e.answer())
                .as("closed without an answer: no request exists yet")
                .isEmpty();
        assertThat(millis)
                .as("closed after %d ms; the deadline is %d ms", millis, HEADER_MILLIS)
                .isBetween(HEADER_MILLIS, HEADER_MILLIS * 5 / 4 + 1_000);
    }

    @Test
    void should_answer_408_json_to_a_silent_body_within_the_idle_timeout() throws Exception {
        for (String sent : List.of("", "{\"quest")) {
            long start = System.nanoTime();
            Exchange e = raw(
                    0, head("POST /v1/ask HTTP/1.1", "Content-Type: application/json", "Content-Length: 200") + sent);
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertJsonError(e, 408, "request_timeout");
            assertThat(e.json().get("message").asText()).contains("stalled").contains(IDLE_MILLIS + " ms");
            assertThat(millis)
                    .as("'%s' then silence: answered after %d ms, the idle timeout is %d", sent, millis, IDLE_MILLIS)
                    .isBetween(IDLE_MILLIS, IDLE_MILLIS + 1_000);
        }
    }

    @Test
    void should_answer_415_naming_a_charset_the_service_cannot_decode() throws Exception {
        for (String route : List.of("/v1/ask", "/v1/feedback")) {
            for (String charset : List.of("utf-7", "x-no-such-charset", "iso-8859-1")) {
                String body = "{\"question\": \"a\"}";
                Exchange e = raw(
                        0,
                        head(
                                        "POST " + route + " HTTP/1.1",
                                        "Content-Type: application/json; charset=" + charset,
                                        "Content-Length: " + body.length(),
                                        "Connection: close")
                                + body);
                assertJsonError(e, 415, "unsupported_media_type");
                assertThat(e.json().get("message").asText())
                        .as(route)
                        .containsIgnoringCase("charset '" + charset + "'");
            }
        }
    }

    @Test
    void should_answer_400_json_to_a_malformed_chunk_size() throws Exception {
        for (String size : List.of("ZZZ", "FFFFFFFFFFFFFFFF")) {
            Exchange e = raw(
                    0,
                    head(
                                    "POST /v1/ask HTTP/1.1",
                                    "Content-Type: application/json",
                                    "Transfer-Encoding: chunked",
                                    "Connection: close")
                            + size + "\r\n{\"question\": \"a\"}\r\n0\r\n\r\n");
            assertJsonError(e, 400, "bad_request");
            assertThat(e.json().get("message").asText()).as(size).contains("chunked encoding");
        }
    }

    @Test
    void should_count_a_client_that_hangs_up_mid_body_as_499_and_log_no_error() throws Exception {
        ListAppender<ILoggingEvent> errors = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        errors.start();
        root.addAppender(errors);
        try {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream()
                        .write((head("POST /v1/ask HTTP/1.1", "Content-Type: application/json", "Content-Length: 500")
                                        + "{\"question\": \"and then the client")
                                .getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                Thread.sleep(200); // the handler is reading the body
            }
            String metrics = "";
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!metrics.contains("status=\"499\"") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                metrics = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                                        .header("Authorization", "Bearer " + key)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
            }
            assertThat(metrics)
                    .contains("sluice_http_requests_seconds_count{method=\"POST\",route=\"/v1/ask\",status=\"499\"}")
                    .doesNotContain("status=\"500\"");
            assertThat(errors.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)))
                    .as("nothing at ERROR: a client hanging up is not the service failing")
                    .isEmpty();
        } finally {
            root.detachAppender(errors);
        }
    }

    @Test
    void should_answer_400_saying_the_file_name_is_too_long_for_a_huge_upload_name() throws Exception {
        for (int length : new int[] {300, 10_000}) {
            String boundary = "hostile-boundary";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + "n".repeat(length) + ".md\"\r\nContent-Type: text/markdown\r\n\r\n# twenty bytes, no more\r\n--"
                    + boundary + "--\r\n";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/documents"))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%d characters: %s", length, r.body()).isEqualTo(400);
            JsonNode json = JSON.readTree(r.body());
            assertThat(json.get("code").asText()).isEqualTo("bad_request");
            assertThat(json.get("message").asText())
                    .as("%d characters", length)
                    .contains("file name")
                    .contains("too long")
                    .contains("at most " + UploadNames.MAX_BYTES);
        }
    }

    @Test
    void should_answer_405_with_allow_for_another_method_on_a_known_path_and_404_for_an_unknown_path()
            throws Exception {
        record Case(String method, String path, int status, String allow) {}
        for (Case c : List.of(
                new Case("PUT", "/v1/search", 405, "GET"),
                new Case("PATCH", "/v1/documents", 405, "GET, POST, DELETE"),
                new Case("DELETE", "/v1/jobs/7", 405, "GET"),
                new Case("PUT", "/v1/no-such-route", 404, null))) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + c.path()))
                            .header("Authorization", "Bearer " + key)
                            .method(c.method(), HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode())
                    .as("%s %s: %s", c.method(), c.path(), r.body())
                    .isEqualTo(c.status());
            JsonNode json = JSON.readTree(r.body());
            assertThat(json.get("code").asText()).isEqualTo(c.status() == 405 ? "method_not_allowed" : "not_found");
            if (c.allow() != null) {
                assertThat(r.headers().firstValue("Allow")).as(c.path()).hasValue(c.allow());
                assertThat(json.get("message").asText()).endsWith("it takes " + c.allow());
            }
        }
    }

    @Test
    void should_answer_json_for_the_errors_jetty_raises_before_any_route() throws Exception {
        record Case(String name, String request, int status, String code) {}
        for (Case c : List.of(
                new Case("a control character in the path", "GET /v1/se\u0001arch HTTP/1.1\r\n", 400, "bad_request"),
                new Case("bad UTF-8 in the path", "GET /v1/%C3%28 HTTP/1.1\r\n", 400, "bad_request"),
                new Case("no URI", "GARBAGE\r\n", 400, "bad_request"),
                new Case(
                        "a URI over the cap",
                        "GET /v1/search?q=" + "a".repeat(20_000) + " HTTP/1.1\r\n",
                        414,
                        "uri_too_long"),
                new Case(
                        "headers over the cap",
                        "GET /healthz HTTP/1.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n",
                        431,
                        "headers_too_large"))) {
            Exchange e = raw(0, c.request() + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertJsonError(e, c.status(), c.code());
        }
        Exchange badQuery = raw(0, head("GET /v1/search?q=%C3%28 HTTP/1.1", "Connection: close"));
        assertJsonError(badQuery, 400, "bad_request");
        assertThat(badQuery.json().get("message").asText()).contains("UTF-8");
    }

    @Test
    void should_refuse_whole_numbers_not_written_in_ascii_digits_naming_the_parameter() throws Exception {
        for (String query : List.of(
                "/v1/search?q=tides&k=%2B5",
                "/v1/search?q=tides&k=+5",
                "/v1/search?q=tides&k=%205",
                "/v1/search?q=tides&k=%D9%A5",
                "/v1/search?q=tides&k=-5",
                "/v1/search?q=tides&year=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96",
                "/v1/documents?limit=%2B1",
                "/v1/documents?offset=%D9%A0",
                "/v1/runs?limit=1e2",
                "/v1/runs/%2B1",
                "/v1/eval/runs/%D9%A1")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + query))
                            .header("Authorization", "Bearer " + key)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s: %s", query, r.body()).isEqualTo(400);
            JsonNode json = JSON.readTree(r.body());
            assertThat(json.get("code").asText()).isEqualTo("bad_request");
            String parameter = query.replaceAll(".*[?&]([a-z]+)=[^&]*$", "$1");
            if (query.contains("?")) {
                assertThat(json.get("message").asText()).as(query).startsWith(parameter + " must be");
            } else {
                assertThat(json.get("message").asText()).as(query).contains("ids are whole numbers");
            }
        }
        HttpResponse<String> fine = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/search?q=tides&k=5&year=2026"))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
    }
}
