package dev.sluice.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code sluice serve} process over a knowledge base's sluice.yaml: a service replica, started as a
 * user starts one, on a free port, with this JVM's class path. Its standard error goes to a file, read
 * for the port it listens on.
 */
final class Replica implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final Process process;
    final int port;
    private final Path err;

    /** A response: status and body as JSON (a missing node when the body is not JSON). */
    record Response(int status, JsonNode json, String body) {}

    private Replica(Process process, int port, Path err) {
        this.process = process;
        this.port = port;
        this.err = err;
    }

    static Replica start(Path config, Path work, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sluice.cli.SluiceCli",
                "serve",
                "--config",
                config.toString(),
                "--port",
                "0"));
        Path err = work.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(err.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(err) ? Files.readString(err) : "";
            Matcher m = LISTENING.matcher(text);
            if (m.find()) {
                return new Replica(process, Integer.parseInt(m.group(1)), err);
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + text);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError(name + " did not listen within 90 s:\n" + Files.readString(err));
    }

    Response get(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), key);
    }

    Response post(String path, String key, String json) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                key);
    }

    Response search(String query, String key) {
        return get("/v1/search?mode=hybrid&k=3&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8), key);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Response send(HttpRequest.Builder request, String key) {
        try {
            HttpResponse<String> response = HTTP.send(
                    request.header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
            }
            return new Response(response.statusCode(), json, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String log() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the replica dies without closing anything, as a crashed machine's would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
