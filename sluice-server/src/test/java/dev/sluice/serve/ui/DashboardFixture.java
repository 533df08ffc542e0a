package dev.sluice.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Evaluations;
import dev.sluice.KnowledgeBase;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.eval.Metric;
import dev.sluice.incident.Incident;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.serve.SluiceServer;
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
import java.util.Locale;
import java.util.Map;

/**
 * A knowledge base of two teams behind a real service, for the dashboard's tests. Team alpha's source
 * holds {@link #TOPICS} handbooks (one distinct word each) and an eval set with one question per
 * handbook; its freshness target is one second, so it is soon breached. Team beta's source holds one
 * document. Alpha's key has every scope; beta's has query and ingest, and no admin.
 */
final class DashboardFixture implements AutoCloseable {
    static final List<String> TOPICS = List.of(
            "aardvark",
            "bobsled",
            "cathedral",
            "dulcimer",
            "escarpment",
            "falconry",
            "glacier",
            "harpsichord",
            "iguana",
            "jousting",
            "kayak",
            "lighthouse",
            "marmalade",
            "nebula",
            "origami",
            "porcupine",
            "quarry",
            "rhubarb",
            "saxophone",
            "trebuchet");
    /** A file of alpha's whose name must always be escaped: it is quarantined (empty), so its name is shown. */
    static final String SCRIPT_FILE = "<script>alert(1)<x>.md";
    /** Beta's only document. */
    static final String BETA_FILE = "betamax-zeppelin-budget.md";

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path work;
    final KnowledgeBase kb;
    final SluiceServer server;
    final String base;
    final String alphaKey;
    final String alphaKeyId;
    final String betaKey;
    final HttpClient http = HttpClient.newHttpClient();

    private DashboardFixture(Path work, KnowledgeBase kb, SluiceServer server, String[] keys) {
        this.work = work;
        this.kb = kb;
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
        this.alphaKey = keys[0];
        this.alphaKeyId = keys[1];
        this.betaKey = keys[2];
    }

    /** Writes the sources and keys, starts the service and syncs every source. */
    static DashboardFixture start(Path work) throws Exception {
        Path alpha = Files.createDirectories(work.resolve("alpha"));
        for (String topic : TOPICS) {
            Files.writeString(alpha.resolve(topic + ".md"), handbook(topic));
        }
        Files.writeString(alpha.resolve(SCRIPT_FILE), "");
        Path beta = Files.createDirectories(work.resolve("beta"));
        Files.writeString(
                beta.resolve(BETA_FILE),
                "# Zeppelin budget\n\nThe betamax zeppelin budget for the airship hangar is forty million.\n");
        Files.writeString(work.resolve("sluice.yaml"), """
                index: index
                sources:
                  - name: alpha
                    path: alpha
                    freshness: 1s
                    access: {groups: [alpha]}
                  - name: beta
                    path: beta
                    access: {groups: [beta]}
                """);
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < TOPICS.size(); i++) {
            set.append(JSON.writeValueAsString(Map.of(
                            "id",
                            "q" + (i + 1),
                            "question",
                            "how do I look after a " + TOPICS.get(i),
                            "relevant",
                            List.of(TOPICS.get(i) + ".md"))))
                    .append('\n');
        }
        Files.writeString(work.resolve("handbooks.jsonl"), set.toString());
        SluiceConfig config = ConfigLoader.load(work.resolve("sluice.yaml"));
        Path index = config.index();
        KnowledgeBase kb = KnowledgeBase.openOrCreate(
                EffectiveConfig.resolve(config, Flags.NONE.with(EffectiveConfig.INDEX, index, "--index")));
        long now = System.currentTimeMillis();
        var alphaKey = ApiKeys.create(kb.keys(), "alice", List.of("alpha"), List.of("query", "ingest", "admin"), now);
        var betaKey = ApiKeys.create(kb.keys(), "bob", List.of("beta"), List.of("query", "ingest"), now);
        SluiceServer server = SluiceServer.start(kb, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(1000, 1000));
        DashboardFixture f = new DashboardFixture(work, kb, server, new String[] {
            alphaKey.key(), alphaKey.record().id(), betaKey.key()
        });
        f.sync();
        return f;
    }

    private static String handbook(String topic) {
        return "# The " + topic + " handbook\n\nThis handbook explains " + topic + " care, " + topic + " history and "
                + topic + " maintenance. Anyone who keeps a " + topic + " should read the " + topic
                + " checklist first.\n";
    }

    /** Syncs every source through the API and waits for the job. */
    void sync() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/sources/*/sync?wait=true"))
                        .header("Authorization", "Bearer " + alphaKey)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).at("/job/state").asText())
                .as(r.body())
                .isEqualTo("done");
    }

    /** Runs the eval set in these modes and returns the run's id. */
    long evaluate(List<SearchMode> modes) {
        return kb.eval()
                .run(new Evaluations.RunRequest(
                        work.resolve("handbooks.jsonl"),
                        null,
                        modes,
                        List.of(Metric.parse("ndcg@10"), Metric.parse("recall@10")),
                        10,
                        1,
                        false,
                        null))
                .run()
                .id();
    }

    /**
     * A real regression: half of alpha's handbooks lose their content (a migration emptied them), the
     * source syncs, and the eval set runs again; their questions no longer find them.
     */
    void emptyHalfTheHandbooks() throws Exception {
        for (int i = 0; i < TOPICS.size() / 2; i++) {
            Files.writeString(
                    work.resolve("alpha").resolve(TOPICS.get(i) + ".md"),
                    "# Migration note " + i + "\n\nThis page moved to the new wiki during the spring migration; ask"
                            + " the platform team where page " + i + " went.\n");
        }
        sync();
    }

    /** Runs the detectors once after alpha's one-second freshness target has passed. */
    List<Incident> breachAndCheck() throws InterruptedException {
        Thread.sleep(1_100);
        return kb.incidents().check().open();
    }

    /** Asks through the API with a key; returns the response. */
    JsonNode ask(String key, String question) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/ask"))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(Map.of("question", question))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Searches through the API with a key; returns the response. */
    JsonNode search(String key, String query) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(
                                URI.create(base + "/v1/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** What beta's key must never see: alpha's document names, questions and trace ids. */
    static List<String> alphaSecrets(List<String> traceIds, List<String> questions) {
        List<String> out = new ArrayList<>();
        TOPICS.forEach(t -> out.add(t + ".md"));
        out.add("alert(1)");
        out.addAll(traceIds);
        out.addAll(questions);
        return out.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public void close() {
        server.close(); // closes the knowledge base too
        http.close();
    }
}
