package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice serve} as its own process, its standard error read line by line: JSON lines by default
 * (every line one object: the start and stop messages, the access log, nothing from a library's own
 * console), the request id a client sends in the access line beside the trace id it was answered
 * with; text lines and no access log when asked.
 */
class ServeLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");

    @TempDir
    static Path work;

    static Path index;
    static String key;

    @BeforeAll
    static void knowledgeBase() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("tides.md"), "# Tides\n\nSpring tides follow the new and full moon.\n");
        Files.writeString(docs.resolve("locks.md"), "# Locks\n\nA canal lock raises boats between two levels.\n");
        index = work.resolve("index");
        SluiceCliIT.Run ingest = SluiceCliIT.run("ingest", docs.toString(), "--index", index.toString());
        assertThat(ingest.exit()).as(ingest.err()).isZero();
        SluiceCliIT.Run created = SluiceCliIT.run(
                "keys", "create", "--principal", "ops", "--scopes", "query", "--index", index.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        key = created.out().strip();
    }

    /**
     * The line the JVM itself prints on standard error before any Sluice code runs, when Lucene's vector
     * API module is added (as the launcher does); nothing can turn it off.
     */
    private static final String JVM_INCUBATOR_WARNING = "WARNING: Using incubator modules: jdk.incubator.vector";

    /** A {@code sluice serve} child process; its standard error goes to a file, read as it grows. */
    record Served(Process process, Path err) {
        static Served start(String name, String... flags) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules",
                    "jdk.incubator.vector",
                    "--enable-native-access=ALL-UNNAMED",
                    "-Dfile.encoding=UTF-8",
                    "-Dstderr.encoding=UTF-8",
                    "-cp",
                    System.getProperty("java.class.path"),
                    SluiceCli.class.getName(),
                    "serve",
                    "--index",
                    index.toString(),
                    "--port",
                    "0"));
            command.addAll(List.of(flags));
            Path err = work.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(work.resolve(name + ".out").toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("SLUICE_LOG_FORMAT");
            builder.environment().remove("SLUICE_LOG_LEVEL");
            return new Served(builder.start(), err);
        }

        /** Standard error so far, line by line, without the JVM's own warning. */
        List<String> errLines() {
            try {
                return Files.readAllLines(err).stream()
                        .filter(line -> !line.equals(JVM_INCUBATOR_WARNING))
                        .toList();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The first line that {@code wanted} accepts, waiting up to 60 s for it. */
        String await(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Optional<String> found = errLines().stream().filter(wanted).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no such line on standard error; it has:\n" + String.join("\n", errLines()));
        }

        int port() throws InterruptedException {
            Matcher m = LISTENING.matcher(await(line -> LISTENING.matcher(line).find()));
            assertThat(m.find()).isTrue();
            return Integer.parseInt(m.group(1));
        }

        /** Stops it as Ctrl-C would, and waits until it has. */
        void stop() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within 60 s")
                    .isTrue();
        }

        String out() throws java.io.IOException {
            return Files.readString(
                    err.resolveSibling(err.getFileName().toString().replace(".err", ".out")));
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path, String requestId) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .header("X-Request-Id", requestId)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    @Test
    void should_log_json_lines_with_an_access_line_carrying_the_clients_request_id_and_the_trace_id() throws Exception {
        Served served = Served.start("json");
        try (HttpClient http = HttpClient.newHttpClient()) {
            int port = served.port();
            HttpResponse<String> search = get(http, port, "/v1/search?q=tides&mode=bm25", "abc-123");
            HttpResponse<String> missing = get(http, port, "/v1/no-such-route", "gone-1");
            served.await(line -> line.contains("\"gone-1\"") && line.contains("sluice.access"));
            served.stop();
            assertThat(served.errLines())
                    .anyMatch(line -> json(line).path("message").asText().equals("stopped"));

            assertThat(search.statusCode()).isEqualTo(200);
            assertThat(search.headers().firstValue("X-Request-Id")).hasValue("abc-123");
            String traceId =
                    search.headers().firstValue("traceparent").orElseThrow().split("-")[1];
            List<JsonNode> lines =
                    served.errLines().stream().map(ServeLogsIT::json).toList();
            for (JsonNode line : lines) {
                assertThat(line.get("timestamp").asText())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(line.get("level").asText()).isIn("ERROR", "WARN", "INFO");
                assertThat(line.has("logger") && line.has("thread") && line.has("message"))
                        .isTrue();
            }
            JsonNode access = lines.stream()
                    .filter(l -> l.path("logger").asText().equals("sluice.access")
                            && l.path("requestId").asText().equals("abc-123"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no access line for abc-123 in " + lines));
            assertThat(access.get("level").asText()).isEqualTo("INFO");
            assertThat(access.get("traceId").asText()).isEqualTo(traceId);
            assertThat(access.get("method").asText()).isEqualTo("GET");
            assertThat(access.get("path").asText()).isEqualTo("/v1/search");
            assertThat(access.get("status").asInt()).isEqualTo(200);
            assertThat(access.get("durationMs").isNumber()).isTrue();
            assertThat(access.get("bytes").asLong()).isEqualTo(search.body().getBytes(StandardCharsets.UTF_8).length);
            assertThat(access.get("keyId").asText()).isEqualTo(key.split("_")[2]);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l.path("requestId").asText() + " "
                                    + l.path("status").asInt())
                            .isEqualTo("gone-1 404"));
            assertThat(String.join("\n", served.errLines()))
                    .as("never the key's secret")
                    .doesNotContain(key.substring(27));
        } finally {
            served.process().destroyForcibly();
        }
        assertThat(served.out()).as("standard output stays the commands'").isEmpty();
    }

    @Test
    void should_log_text_lines_without_an_access_log_when_asked() throws Exception {
        Served served = Served.start("text", "--log-format", "text", "--no-access-log");
        try (HttpClient http = HttpClient.newHttpClient()) {
            int port = served.port();
            assertThat(get(http, port, "/v1/search?q=locks&mode=bm25", "text-1").statusCode())
                    .isEqualTo(200);
            served.stop();
            assertThat(served.errLines())
                    .anyMatch(line -> line.startsWith("serving ") && line.endsWith("(Ctrl-C stops)"))
                    .contains("stopped")
                    .noneMatch(line -> line.startsWith("{"))
                    .noneMatch(line -> line.contains("sluice.access") || line.contains("text-1"));
        } finally {
            served.process().destroyForcibly();
        }
    }
}
