package dev.sluice.engines;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.testkit.Seeds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIGKILL crash test on the scale-out backends: {@code sluice sync} processes over an OpenSearch index
 * and a PostgreSQL catalog are killed at random points while the folder keeps changing, then one sync
 * finishes: OpenSearch and the catalog must agree exactly (every indexed chunk has its catalog row and the
 * reverse, no duplicate chunk, no lost document), every killed run closed. Replay a failure with
 * {@code -Dsluice.test.seed=N}.
 */
class ScaleOutCrashSafetyEngineIT {
    private static final int DOCUMENTS = 30;
    private static final int KILLS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private ScaleOut kb;

    @AfterEach
    void drop() {
        if (kb != null) {
            kb.close();
        }
    }

    private static String document(int id, int version, Random random) {
        StringBuilder md = new StringBuilder("# Document " + id + "\n\n");
        for (int s = 0; s < 1 + random.nextInt(3); s++) {
            md.append("## Section ")
                    .append(s)
                    .append("\n\nMarker doc")
                    .append(id)
                    .append("v")
                    .append(version)
                    .append(" section ")
                    .append(s)
                    .append(" talks about canals, locks and gates in version ")
                    .append(version)
                    .append(".\n\n");
        }
        return md.toString();
    }

    private Process sync() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules",
                "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.sluice.cli.SluiceCli",
                "sync",
                "--config",
                kb.config.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("child.log").toFile())
                .start();
    }

    @Test
    void should_leave_opensearch_and_the_catalog_in_agreement_after_kills_at_random_points() throws Exception {
        long seed = Seeds.seed("ScaleOutCrashSafetyEngineIT");
        Random random = new Random(seed);
        kb = new ScaleOut(work, true);
        try (Stream<Path> fixture = Files.list(kb.docs)) {
            for (Path f : fixture.toList()) {
                Files.delete(f);
            }
        }
        Map<Integer, Integer> versions = new HashMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            versions.put(i, 1);
            Files.writeString(kb.docs.resolve("doc-" + i + ".md"), document(i, 1, random));
        }
        long started = System.nanoTime();
        Process first = sync();
        assertThat(first.waitFor())
                .as(Files.readString(work.resolve("child.log")))
                .isZero();
        long runMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("ScaleOutCrashSafetyEngineIT: a first run takes " + runMillis + " ms; kills land within it");
        int killed = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            for (int change = 0; change < 6; change++) { // the folder moves on: edits, deletions, new files
                int id = random.nextInt(DOCUMENTS + 5);
                Path file = kb.docs.resolve("doc-" + id + ".md");
                if (random.nextInt(4) == 0) {
                    Files.deleteIfExists(file);
                    versions.remove(id);
                } else {
                    int v = versions.getOrDefault(id, 0) + 1;
                    versions.put(id, v);
                    Files.writeString(file, document(id, v, random));
                }
            }
            Process child = sync();
            long delay = random.nextInt((int) Math.max(100, runMillis));
            if (child.waitFor(delay, TimeUnit.MILLISECONDS)) {
                assertThat(child.exitValue())
                        .as(Files.readString(work.resolve("child.log")))
                        .isZero();
            } else {
                child.destroyForcibly(); // SIGKILL
                child.waitFor();
                killed++;
            }
        }
        System.out.println(
                "ScaleOutCrashSafetyEngineIT: " + killed + " of " + KILLS + " runs killed (seed " + seed + ")");
        assertThat(killed).as("runs killed mid-way (the rest finished first)").isGreaterThanOrEqualTo(KILLS / 2);

        ScaleOut.Run last = kb.cli("sync");
        assertThat(last.exit()).as(last.err()).isZero();
        assertAgreement(versions);
        try (Connection c = ScaleOut.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, error FROM " + kb.schema + ".runs")) {
            int interrupted = 0;
            while (rs.next()) {
                assertThat(rs.getString(1))
                        .as("every killed run was closed by the run after it")
                        .isNotEqualTo("running");
                if (rs.getString(1).equals("interrupted")) {
                    interrupted++;
                    assertThat(rs.getString(2)).startsWith("interrupted: found at ");
                }
            }
            assertThat(interrupted).as("runs killed after they were recorded").isLessThanOrEqualTo(killed);
        }
        ScaleOut.Run again = kb.cli("sync");
        assertThat(again.out()).as("nothing left to do").containsPattern("ingested\\s+0\\n");
    }

    private void assertAgreement(Map<Integer, Integer> versions) throws Exception {
        Map<String, String> status = new TreeMap<>();
        Map<String, Set<String>> catalogChunks = new TreeMap<>();
        try (Connection c = ScaleOut.connect();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT uri, status FROM " + kb.schema + ".documents")) {
                while (rs.next()) {
                    status.put(rs.getString(1), rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT document_uri, id FROM " + kb.schema + ".chunks")) {
                while (rs.next()) {
                    catalogChunks
                            .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(rs.getString(2));
                }
            }
        }
        Set<String> files = new HashSet<>();
        try (Stream<Path> list = Files.list(kb.docs)) {
            list.forEach(f -> files.add(f.toUri().toString()));
        }
        assertThat(status.keySet()).as("no lost document, no orphan").isEqualTo(files);
        assertThat(status.values()).allMatch("indexed"::equals);
        assertThat(files).hasSize(versions.size());

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(EngineEndpoints.openSearchUrl() + "/" + kb.prefix
                                        + "/_search?size=10000&_source=chunk_id,doc_uri"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Set<String>> indexChunks = new TreeMap<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
            String id = hit.path("_id").asText();
            ids.add(id);
            indexChunks
                    .computeIfAbsent(hit.path("_source").path("doc_uri").asText(), k -> new HashSet<>())
                    .add(id);
        }
        assertThat(ids).as("no duplicate chunk").doesNotHaveDuplicates();
        assertThat(indexChunks)
                .as("OpenSearch holds exactly the catalog's chunks")
                .isEqualTo(catalogChunks);
    }
}
