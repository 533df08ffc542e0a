package dev.sluice.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service replicas ({@code sluice serve} processes) over one OpenSearch index and one PostgreSQL
 * catalog serve one knowledge base: an ingest started through one is searchable through the other,
 * runs, keys and incidents are the same through both, and a replica killed in the middle of a sync
 * leaves a knowledge base the other can sync to a consistent state.
 */
class ReplicasEngineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private ScaleOut kb;
    private Replica a;
    private Replica b;

    @AfterEach
    void stop() throws Exception {
        for (Replica r : new Replica[] {a, b}) {
            if (r != null) {
                r.close();
            }
        }
        if (kb != null) {
            kb.close();
        }
    }

    /** A new API key: the key itself and its id. */
    private JsonNode created(String principal, String scopes) throws Exception {
        ScaleOut.Run created = kb.cli("keys", "create", "--principal", principal, "--scopes", scopes, "--json");
        assertThat(created.exit()).as(created.err()).isZero();
        return JSON.readTree(created.out());
    }

    private String key(String principal, String scopes) throws Exception {
        return created(principal, scopes).get("key").asText();
    }

    private static Replica.Response await(
            String what, Supplier<Replica.Response> call, Predicate<Replica.Response> done, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Replica.Response last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + " did not happen within " + seconds + " s; last response " + last);
    }

    private static long syncThrough(Replica replica, String key) throws InterruptedException {
        Replica.Response queued = replica.post("/v1/sources/*/sync", key, "{}");
        assertThat(queued.status()).as(queued.body()).isIn(200, 202);
        return queued.json().path("job").path("id").asLong();
    }

    private static JsonNode awaitJob(Replica replica, String key, long id) throws InterruptedException {
        return await(
                        "job " + id,
                        () -> replica.get("/v1/jobs/" + id, key),
                        r -> r.status() == 200
                                && !r.json().path("state").asText().matches("queued|running"),
                        300)
                .json();
    }

    @Test
    void should_serve_one_knowledge_base_from_two_replicas() throws Exception {
        kb = new ScaleOut(work, true);
        String admin = key("ops", "query,ingest,admin");
        JsonNode readerKey = created("reader", "query");
        String reader = readerKey.get("key").asText();
        a = Replica.start(kb.config, work, "a");
        b = Replica.start(kb.config, work, "b");

        JsonNode job = awaitJob(a, admin, syncThrough(a, admin));
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("done");
        assertThat(job.path("report").path("ingested").asInt()).isEqualTo(ScaleOut.CORPUS.size());

        Replica.Response found = await(
                "the sync through replica a searchable through replica b",
                () -> b.search("how do locks raise boats", reader),
                r -> r.status() == 200 && r.body().contains("canals.md"),
                20);
        assertThat(found.json().path("results")).isNotEmpty();
        Replica.Response asked = b.post("/v1/ask", reader, "{\"question\": \"How do locks move boats?\"}");
        assertThat(asked.status()).as(asked.body()).isEqualTo(200);
        assertThat(asked.body()).contains("canals.md");

        Replica.Response runsA = a.get("/v1/runs", admin);
        Replica.Response runsB = b.get("/v1/runs", admin);
        assertThat(runsA.status()).isEqualTo(200);
        assertThat(runsB.json()).as("one record of runs").isEqualTo(runsA.json());

        assertThat(a.post("/v1/incidents/check", admin, "{}").status()).isEqualTo(200);
        assertThat(b.get("/v1/incidents", admin).json())
                .isEqualTo(a.get("/v1/incidents", admin).json());

        assertThat(b.search("glaciers", reader).status()).isEqualTo(200);
        ScaleOut.Run revoked = kb.cli("keys", "revoke", readerKey.get("id").asText());
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        await(
                "the key revoked through the catalog refused by replica b",
                () -> b.search("glaciers", reader),
                r -> r.status() == 401,
                30);
        await("and by replica a", () -> a.search("glaciers", reader), r -> r.status() == 401, 30);
    }

    @Test
    void should_let_the_other_replica_sync_to_a_consistent_state_after_one_is_killed_mid_sync() throws Exception {
        kb = new ScaleOut(work, true);
        for (int i = 0; i < 300; i++) {
            Files.writeString(
                    kb.docs.resolve("note-" + i + ".md"),
                    "# Note " + i + "\n\nLock keeper's note number " + i + " on the water level of chamber " + (i % 7)
                            + ", the gates and the boats waiting.\n");
        }
        String admin = key("ops", "query,ingest,admin");
        a = Replica.start(kb.config, work, "a");
        b = Replica.start(kb.config, work, "b");

        syncThrough(a, admin);
        // into the run: its record says running, documents are being written, nothing is committed
        await(
                "replica a's run recorded as running",
                () -> a.get("/v1/runs", admin),
                r -> r.body().contains("\"status\":\"running\""),
                60);
        Thread.sleep(500);
        a.kill();

        JsonNode job = awaitJob(b, admin, syncThrough(b, admin));
        assertThat(job.path("state").asText()).as(job + "\n" + b.log()).isEqualTo("done");

        Replica.Response runs = b.get("/v1/runs", admin);
        assertThat(runs.body())
                .as("replica a's run closed as interrupted by replica b's")
                .contains("interrupted");
        long catalogChunks;
        try (Connection c = ScaleOut.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + kb.schema + ".chunks")) {
            rs.next();
            catalogChunks = rs.getLong(1);
        }
        HttpResponse<String> count = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(EngineEndpoints.openSearchUrl() + "/" + kb.prefix + "/_count"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(count.body()).path("count").asLong())
                .as("chunks in OpenSearch equal the catalog's rows")
                .isEqualTo(catalogChunks)
                .isEqualTo(ScaleOut.CORPUS.size() + 300);
    }
}
