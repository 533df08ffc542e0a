package dev.sluice.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.AccessList;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import dev.sluice.sqlite.SqliteCatalog;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants over one index, through the real service: the HR team's documents never reach the
 * engineering team, not in search results (any mode, any k), not in answers or their citations, not
 * even as a sign that they exist; a changed access list re-indexes the source and takes effect.
 */
class AccessControlIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private List<Source> sources(AccessList hrReaders) throws Exception {
        if (Files.isDirectory(work.resolve("hr"))) {
            return sourcesOver(hrReaders); // the files stay as they are: only the access list changes
        }
        Path hr = Files.createDirectories(work.resolve("hr"));
        Files.writeString(
                hr.resolve("salaries.md"),
                "# Salaries\n\nThe zanzibar payroll bands for 2027 are"
                        + " confidential: band four starts at ninety thousand.\n");
        Path eng = Files.createDirectories(work.resolve("eng"));
        Files.writeString(
                eng.resolve("deploy.md"),
                "# Deploy\n\nThe kubernetes deploy runbook: roll out with"
                        + " canaries, then watch the payroll service dashboards.\n");
        Path open = Files.createDirectories(work.resolve("open"));
        Files.writeString(
                open.resolve("holidays.md"), "# Holidays\n\nThe office closes between christmas and new" + " year.\n");
        return sourcesOver(hrReaders);
    }

    private List<Source> sourcesOver(AccessList hrReaders) {
        Path hr = work.resolve("hr");
        Path eng = work.resolve("eng");
        Path open = work.resolve("open");
        return List.of(
                new DirectorySource("hr", hr, List.of(), List.of()).withAccess(hrReaders),
                new DirectorySource("eng", eng, List.of(), List.of())
                        .withAccess(new AccessList(List.of(), List.of("eng"))),
                new DirectorySource("open", open, List.of(), List.of()));
    }

    private IngestReport ingest(Path index, List<Source> sources) {
        IngestOptions d = IngestOptions.defaults(List.of(work), index);
        return Sluice.ingest(
                new IngestOptions(sources, index, d.model(), d.maxChunkTokens(), d.overlapTokens(), d.limits(), 1, 2),
                ProgressListener.NONE);
    }

    private static JsonNode get(HttpClient http, String url, String key) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode ask(HttpClient http, String base, String key, String question) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/ask"))
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                JSON.writeValueAsString(java.util.Map.of("question", question))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static List<String> sourcesOf(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.add(r.get("source").asText()));
        return out;
    }

    @Test
    void should_never_show_one_team_the_other_teams_documents() throws Exception {
        Path index = work.resolve("index");
        ingest(index, sources(new AccessList(List.of(), List.of("hr"))));
        String engKey;
        String hrKey;
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            long now = System.currentTimeMillis();
            engKey = ApiKeys.create(catalog, "erin", List.of("eng"), List.of("query"), now)
                    .key();
            hrKey = ApiKeys.create(catalog, "harriet", List.of("hr"), List.of("query"), now)
                    .key();
        }
        try (SluiceServer server = TestServers.start(SluiceConfig.defaults(), index, "127.0.0.1", 0);
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            String q = URLEncoder.encode("zanzibar payroll bands", StandardCharsets.UTF_8);
            for (String mode : List.of("bm25", "dense", "hybrid")) {
                JsonNode eng = get(http, base + "/v1/search?q=" + q + "&k=50&mode=" + mode, engKey)
                        .get("results");
                assertThat(sourcesOf(eng))
                        .as("eng, %s", mode)
                        .doesNotContain("hr")
                        .isNotEmpty();
                JsonNode hr = get(http, base + "/v1/search?q=" + q + "&k=50&mode=" + mode, hrKey)
                        .get("results");
                assertThat(sourcesOf(hr))
                        .as("hr, %s", mode)
                        .doesNotContain("eng")
                        .contains("hr");
            }
            JsonNode bm25OnlyHr = get(http, base + "/v1/search?q=zanzibar&mode=bm25&k=10", engKey)
                    .get("results");
            assertThat(bm25OnlyHr)
                    .as("a word only HR's document holds finds nothing for eng")
                    .isEmpty();

            JsonNode engAnswer = ask(http, base, engKey, "what are the zanzibar payroll bands");
            assertThat(engAnswer.get("answer").asText()).doesNotContain("ninety thousand");
            engAnswer
                    .get("citations")
                    .forEach(c -> assertThat(c.get("source").asText()).isNotEqualTo("hr"));
            JsonNode hrAnswer = ask(http, base, hrKey, "what are the zanzibar payroll bands");
            assertThat(hrAnswer.get("citations").get(0).get("source").asText()).isEqualTo("hr");
        }

        IngestReport widened = ingest(index, sources(new AccessList(List.of(), List.of("hr", "eng"))));
        assertThat(widened.ingested())
                .as("only the source whose access list changed")
                .isEqualTo(1);
        assertThat(widened.embeddingsComputed())
                .as("vectors come from the cache")
                .isZero();
        try (SluiceServer server = TestServers.start(SluiceConfig.defaults(), index, "127.0.0.1", 0);
                HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.port();
            String engKey2;
            try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
                engKey2 = ApiKeys.create(catalog, "erin2", List.of("eng"), List.of("query"), 0)
                        .key();
            }
            JsonNode eng = get(http, base + "/v1/search?q=zanzibar&mode=bm25&k=10", engKey2)
                    .get("results");
            assertThat(sourcesOf(eng)).containsExactly("hr");
        }
    }

    private static List<String> readable(Sluice.Searcher searcher, String query, String principal, String group) {
        List<String> paths = new ArrayList<>();
        searcher.search(new dev.sluice.retrieve.SearchRequest(
                        query,
                        dev.sluice.retrieve.SearchMode.BM25,
                        10,
                        dev.sluice.retrieve.SearchFilters.NONE.forCaller(
                                AccessList.callerTokens(principal, List.of(group)))))
                .forEach(h -> paths.add(h.path()));
        return paths;
    }

    @Test
    void should_take_a_documents_own_access_list_from_its_sidecar_and_quarantine_it_when_the_sidecar_is_bad()
            throws Exception {
        Path folder = Files.createDirectories(work.resolve("mixed"));
        Files.writeString(folder.resolve("open.md"), "# Open\n\nThe quokka lunch menu is on the wiki.\n");
        Files.writeString(folder.resolve("board.md"), "# Board\n\nThe quokka acquisition closes in march.\n");
        Files.writeString(folder.resolve("board.md.access.json"), "{\"groups\": [\"board\"]}");
        Files.writeString(folder.resolve("broken.md"), "# Broken\n\nThe quokka layoffs list.\n");
        Files.writeString(folder.resolve("broken.md.access.json"), "{\"groups\": \"board\"}");
        Path index = work.resolve("index");
        List<Source> sources = List.of(new DirectorySource("mixed", folder, List.of(), List.of()));

        IngestReport first = ingest(index, sources);
        assertThat(first.ingested()).as("sidecars are not documents").isEqualTo(2);
        assertThat(first.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.path()).isEqualTo("broken.md");
            assertThat(q.reason()).isEqualTo(dev.sluice.core.QuarantineReason.BAD_ACCESS_LIST);
            assertThat(q.message()).contains("broken.md.access.json").contains("groups must be a list");
        });
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(readable(searcher, "quokka", "erin", "eng")).containsExactly("open.md");
            assertThat(readable(searcher, "quokka", "bob", "board")).containsExactlyInAnyOrder("open.md", "board.md");
        }
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(index)) {
            assertThat(catalog.documents().values())
                    .filteredOn(d -> d.path().equals("broken.md"))
                    .singleElement()
                    .satisfies(d -> assertThat(d.access())
                            .as("a document whose list is unreadable is named to nobody")
                            .isEqualTo(AccessList.NOBODY));
        }

        Files.writeString(folder.resolve("board.md.access.json"), "{\"groups\": [\"board\", \"eng\"]}");
        Files.writeString(folder.resolve("broken.md.access.json"), "{\"principals\": [\"bob\"]}");
        IngestReport second = ingest(index, sources);
        assertThat(second.ingested())
                .as("the widened and the repaired document")
                .isEqualTo(2);
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(readable(searcher, "quokka", "erin", "eng")).containsExactlyInAnyOrder("open.md", "board.md");
            assertThat(readable(searcher, "quokka layoffs", "bob", "nobody-group"))
                    .contains("broken.md");
        }
    }
}
