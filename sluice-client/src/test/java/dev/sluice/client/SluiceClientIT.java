package dev.sluice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sluice.IngestOptions;
import dev.sluice.KnowledgeBase;
import dev.sluice.Sluice;
import dev.sluice.access.ApiKeys;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.serve.SluiceServer;
import dev.sluice.testkit.TopicNotes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real {@code sluice serve} on 127.0.0.1 over a real index of five notes (real model). */
class SluiceClientIT {
    private static final List<String> TOPICS = List.of("volcano", "glacier", "penguin", "espresso", "compass");

    @TempDir
    static Path work;

    private static SluiceServer server;
    private static String base;
    private static String queryKey;
    private static String ingestOnlyKey;
    private static String floodKey;

    @BeforeAll
    static void serve() {
        Path index = work.resolve("index");
        Sluice.ingest(
                IngestOptions.defaults(List.of(TopicNotes.write(work.resolve("notes"), TOPICS)), index),
                ProgressListener.NONE);
        KnowledgeBase kb = KnowledgeBase.open(EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, index, "--index")));
        long now = System.currentTimeMillis();
        queryKey = ApiKeys.create(kb.keys(), "ana", List.of(), List.of("query"), now)
                .key();
        ingestOnlyKey = ApiKeys.create(kb.keys(), "bot", List.of(), List.of("ingest"), now)
                .key();
        floodKey = ApiKeys.create(kb.keys(), "flood", List.of(), List.of("ingest"), now)
                .key();
        server = SluiceServer.start(kb, "127.0.0.1", 0, SluiceServer.Limits.DEFAULTS.withRate(5, 10));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SluiceClient client(String key) {
        return SluiceClient.builder().baseUrl(base + "/").apiKey(key).build();
    }

    @Test
    void should_return_typed_hits_best_first_when_searching_in_every_mode() {
        for (Mode mode : Mode.values()) {
            try (SluiceClient sluice = client(queryKey)) {
                SearchResults r = sluice.search(SearchQuery.of("where is a glacier found")
                        .withMode(mode)
                        .withK(2));
                assertThat(r.hits()).as(mode.label()).hasSize(2);
                Hit top = r.hits().getFirst();
                assertThat(top.rank()).isEqualTo(1);
                assertThat(top.path()).isEqualTo("glacier.md");
                assertThat(top.documentId()).endsWith("glacier.md");
                assertThat(top.chunkId()).isNotBlank();
                assertThat(top.source()).isNotBlank();
                assertThat(top.title()).isNotBlank();
                assertThat(top.text()).contains("where a glacier is found");
                assertThat(top.section()).isEqualTo("The glacier");
                assertThat(top.citation()).startsWith("glacier.md");
                assertThat(top.metadata()).containsKeys("model", "start", "end", "chunkerVersion");
                assertThat(top.score()).isGreaterThan(r.hits().get(1).score());
                assertThat(r.traceId()).isNotBlank();
            }
        }
    }

    @Test
    void should_apply_path_and_type_filters_inside_the_search_when_given() {
        try (SluiceClient sluice = client(queryKey)) {
            SearchResults r = sluice.search(SearchQuery.of("where is a glacier found")
                    .withMode(Mode.BM25)
                    .withK(5)
                    .withFilters(Filters.NONE.withPath("pen*.md").withTypes("markdown")));
            assertThat(r.hits()).extracting(Hit::path).containsExactly("penguin.md");
        }
    }

    @Test
    void should_answer_with_citations_when_asked() {
        try (SluiceClient sluice = client(queryKey)) {
            Answer a = sluice.ask("where is a penguin found?", 3);
            assertThat(a.id()).startsWith("ans_");
            assertThat(a.text()).containsIgnoringCase("penguin");
            assertThat(a.citations()).isNotEmpty();
            assertThat(a.citations().getFirst().documentId()).endsWith("penguin.md");
        }
    }

    @Test
    void should_raise_unauthenticated_with_the_servers_code_when_the_key_is_wrong() {
        try (SluiceClient sluice = client("sk_sluice_0000000000000000_wrong")) {
            assertThatThrownBy(() -> sluice.search(SearchQuery.of("glacier")))
                    .isInstanceOfSatisfying(SluiceApiException.Unauthenticated.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("unauthenticated");
                        assertThat(e.serverMessage()).isNotBlank();
                        assertThat(e.getMessage()).contains("/v1/search").doesNotContain("wrong");
                    });
        }
    }

    @Test
    void should_raise_forbidden_when_the_key_lacks_the_query_scope() {
        try (SluiceClient sluice = client(ingestOnlyKey)) {
            assertThatThrownBy(() -> sluice.search(SearchQuery.of("glacier")))
                    .isInstanceOfSatisfying(SluiceApiException.Forbidden.class, e -> {
                        assertThat(e.code()).isEqualTo("forbidden");
                        assertThat(e.getMessage()).contains("query scope");
                    });
        }
    }

    @Test
    void should_raise_rate_limited_with_retry_after_when_a_key_asks_too_often() throws Exception {
        // a key of its own, refused 403 each time: refusals count against the key's rate too
        try (SluiceClient sluice = client(floodKey)) {
            SluiceApiException last = null;
            for (int i = 0; i < 100 && !(last instanceof SluiceApiException.RateLimited); i++) {
                try {
                    sluice.search(SearchQuery.of("glacier"));
                } catch (SluiceApiException e) {
                    last = e;
                }
            }
            assertThat(last).isInstanceOfSatisfying(SluiceApiException.RateLimited.class, e -> {
                assertThat(e.code()).isEqualTo("rate_limited");
                assertThat(e.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
            });
        }
    }

    @Test
    void should_raise_a_server_error_naming_the_url_when_a_proxy_answers_502_with_html() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] page = "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(502, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        proxy.start();
        try (SluiceClient sluice = SluiceClient.builder()
                .baseUrl("http://127.0.0.1:" + proxy.getAddress().getPort())
                .apiKey(queryKey)
                .build()) {
            assertThatThrownBy(() -> sluice.search(SearchQuery.of("glacier")))
                    .isInstanceOfSatisfying(SluiceApiException.ServerError.class, e -> {
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.code()).isEqualTo("http_502");
                        assertThat(e.getMessage()).contains("Bad Gateway", "/v1/search");
                    });
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void should_say_the_service_cannot_be_reached_when_nothing_listens() {
        try (SluiceClient sluice = SluiceClient.builder()
                .baseUrl("http://127.0.0.1:1")
                .apiKey(queryKey)
                .build()) {
            assertThatThrownBy(() -> sluice.search(SearchQuery.of("glacier")))
                    .isExactlyInstanceOf(SluiceClientException.class)
                    .hasMessageContaining("cannot reach Sluice at http://127.0.0.1:1/v1/search");
        }
    }

    @Test
    void should_name_the_bad_value_when_a_query_or_url_is_invalid() {
        assertThatThrownBy(() -> SearchQuery.of("x").withK(0)).hasMessage("k must be from 1 to 1000, got 0");
        assertThatThrownBy(() -> Filters.NONE.withYear(24))
                .hasMessageContaining("four-digit year")
                .hasMessageContaining("24");
        assertThatThrownBy(() -> SluiceClient.builder().baseUrl("127.0.0.1:7878"))
                .hasMessageContaining("http://");
        assertThatThrownBy(() -> Mode.fromLabel("fuzzy", "sluice.mode"))
                .hasMessage("sluice.mode must be bm25, dense or hybrid, got 'fuzzy'");
    }
}
