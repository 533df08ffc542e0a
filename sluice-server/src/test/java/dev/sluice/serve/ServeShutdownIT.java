package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeys;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the service under load: 16 clients searching, a slow request in flight and an upload
 * being ingested. Every request either completes in full or is refused; the slow one completes;
 * the ingest job finishes and commits before the index closes.
 */
class ServeShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_finish_requests_in_flight_and_the_running_ingest_job_when_stopped_under_load() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(
                    docs.resolve("note-" + i + ".md"),
                    "# Note " + i + "\n\nThe reactor pump number " + i + " needs inspection every spring.\n");
        }
        Path index = work.resolve("index");
        Sluice.ingest(IngestOptions.defaults(List.of(docs), index), ProgressListener.NONE);
        String key;
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            key = ApiKeys.create(catalog, "ops", List.of(), List.of("query", "ingest"), System.currentTimeMillis())
                    .key();
        }
        SluiceServer server = TestServers.start(
                SluiceConfig.defaults(),
                index,
                "127.0.0.1",
                0,
                SluiceServer.Limits.DEFAULTS.withRate(100_000, 100_000));
        String base = "http://127.0.0.1:" + server.port();
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();

        // an upload whose ingest job will be running when the server stops
        String boundary = "b0undary";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"late.md\""
                + "\r\n\r\n# Late\n\nThe turbine manual arrived late.\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/documents"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(multipart))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
        long jobId = JSON.readTree(upload.body()).at("/job/id").asLong();

        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger incomplete = new AtomicInteger();
        List<Thread> clients = new java.util.ArrayList<>();
        for (int c = 0; c < 16; c++) {
            int client = c;
            clients.add(Thread.ofVirtual().start(() -> {
                int i = 0;
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = http.send(
                                HttpRequest.newBuilder(URI.create(
                                                base + "/v1/search?mode=bm25&q=reactor+pump+" + (client + i++)))
                                        .header("Authorization", "Bearer " + key)
                                        .timeout(java.time.Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                        if (r.statusCode() == 200 && !complete(r.body())) {
                            incomplete.incrementAndGet();
                        }
                    } catch (IOException e) {
                        refused.incrementAndGet(); // connection refused or closed before a response began
                        if (!stop.get()) {
                            sleep(5);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }
        waitFor(() -> jobState(http, base, key, jobId).equals("running"), 60_000);
        // the first dense search loads the embedding model: a request that takes a while, in flight
        HttpClient slowClient = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = slowClient.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/v1/search?mode=dense&q=turbine+manual"))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500); // connected and dispatched; the model takes longer than this to load

        server.close();
        stop.set(true);
        for (Thread t : clients) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }

        HttpResponse<String> slowReply = slow.get(30, TimeUnit.SECONDS);
        assertThat(slowReply.statusCode()).as(slowReply.body()).isEqualTo(200);
        assertThat(complete(slowReply.body())).isTrue();
        assertThat(statuses.get(200).get())
                .as("searches answered before the stop")
                .isPositive();
        assertThat(statuses.keySet()).as("statuses seen: %s", statuses).allMatch(s -> s == 200 || s == 503);
        assertThat(incomplete.get()).as("200 responses cut off").isZero();
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            DocumentRecord late = catalog.documents().values().stream()
                    .filter(d -> d.path().endsWith("late.md"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the running upload job did not commit its document"));
            assertThat(late.indexed()).isTrue();
            assertThat(catalog.runs(10)).extracting(RunRecord::status).doesNotContain("running");
        }
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(searcher.index().chunkCount()).isEqualTo(6);
        }
        http.close();
        slowClient.close();
    }

    private static boolean complete(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json.has("results");
        } catch (IOException e) {
            return false;
        }
    }

    private static String jobState(HttpClient http, String base, String key, long id) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/jobs/" + id))
                            .header("Authorization", "Bearer " + key)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("state").asText();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited too long").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
