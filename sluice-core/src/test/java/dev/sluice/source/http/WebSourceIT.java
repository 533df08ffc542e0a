package dev.sluice.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.QuarantineReason;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.extract.ExtractionLimits;
import dev.sluice.index.LuceneIndex;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.Quarantined;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web sources against a real HTTP server on 127.0.0.1 that each test scripts: conditional requests,
 * retries, time-outs, size caps, refused addresses and sitemaps, through the whole pipeline with the
 * real model, index and catalog.
 */
class WebSourceIT {
    @TempDir
    Path work;

    private HttpServer server;
    private ExecutorService serverThreads;
    private String base;
    private Path index;

    /** What the server does for a path; replaced by tests between runs. */
    private final Map<String, Handler> pages = new ConcurrentHashMap<>();
    /** Every request the server saw, in order. */
    private final List<Seen> requests = new CopyOnWriteArrayList<>();

    record Seen(String path, String ifNoneMatch, String ifModifiedSince, long atNanos) {}

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Seen(
                    path,
                    exchange.getRequestHeaders().getFirst("If-None-Match"),
                    exchange.getRequestHeaders().getFirst("If-Modified-Since"),
                    System.nanoTime()));
            Handler handler = pages.get(path);
            try (exchange) {
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away (a cancelled slow or oversized response): expected
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        index = work.resolve("index");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static final String LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT";

    /** An HTML page with its own words, ETag and Last-Modified, answering conditional requests. */
    private static Handler page(String words, String etag, String lastModified) {
        return exchange -> {
            String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
            String ims = exchange.getRequestHeaders().getFirst("If-Modified-Since");
            if (etag != null && etag.equals(inm) || etag == null && lastModified != null && lastModified.equals(ims)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            if (etag != null) {
                exchange.getResponseHeaders().set("ETag", etag);
            }
            if (lastModified != null) {
                exchange.getResponseHeaders().set("Last-Modified", lastModified);
            }
            send(exchange, 200, "text/html; charset=utf-8", html(words));
        };
    }

    private static String html(String words) {
        return "<html><head><title>" + words + "</title></head><body><h1>" + words + "</h1><p>" + words
                + " is what this page explains, in a paragraph long enough to be a chunk.</p></body></html>";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Handler status(int code) {
        return exchange -> exchange.sendResponseHeaders(code, -1);
    }

    private FetchSettings settings() {
        return new FetchSettings(false, List.of("127.0.0.1"), 64 * 1024, 1_000, 2, 200, 2, 50, 5_000, 5);
    }

    private UrlSource web(String... paths) {
        return new UrlSource(
                "web", List.of(paths).stream().map(p -> URI.create(base + p)).toList(), List.of(), settings());
    }

    private IngestReport ingest(Source... sources) {
        IngestOptions options = new IngestOptions(
                List.of(sources),
                index,
                EmbeddingModelSpec.BGE_SMALL_EN_V15_Q,
                IngestOptions.DEFAULT_MAX_CHUNK_TOKENS,
                IngestOptions.DEFAULT_OVERLAP_TOKENS,
                ExtractionLimits.defaults(),
                1,
                2);
        IngestReport report = Sluice.ingest(options, ProgressListener.NONE);
        assertThat(report.reconciles()).as("counts reconcile: %s", report).isTrue();
        return report;
    }

    private List<Seen> requestsFor(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private Map<String, DocumentRecord> catalogDocuments() {
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            return catalog.documents();
        }
    }

    private int chunksInIndex() {
        try (LuceneIndex lucene = LuceneIndex.openForReading(index)) {
            return lucene.chunkCount();
        }
    }

    private static QuarantineReason reasonOf(IngestReport report, String uri) {
        return report.quarantined().stream()
                .filter(q -> q.uri().equals(uri))
                .map(Quarantined::reason)
                .findFirst()
                .orElse(null);
    }

    @Test
    void should_ask_with_etag_and_last_modified_and_process_nothing_when_the_server_says_not_modified() {
        pages.put("/a", page("Glaciers", "\"v1\"", LAST_MODIFIED));
        pages.put("/b", page("Volcanoes", null, LAST_MODIFIED));
        IngestReport first = ingest(web("/a", "/b"));
        assertThat(first.ingested()).isEqualTo(2);
        int chunks = chunksInIndex();
        assertThat(chunks).isEqualTo(2);
        requests.clear();

        IngestReport second = ingest(web("/a", "/b"));

        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(second.ingested()).isZero();
        assertThat(second.embeddingsComputed()).isZero();
        assertThat(requestsFor("/a"))
                .singleElement()
                .satisfies(r -> assertThat(r.ifNoneMatch()).isEqualTo("\"v1\""));
        assertThat(requestsFor("/b"))
                .singleElement()
                .satisfies(r -> assertThat(r.ifModifiedSince()).isEqualTo(LAST_MODIFIED));
        assertThat(chunksInIndex()).isEqualTo(chunks);
        assertThat(catalogDocuments().get(base + "/a").sourceVersion()).endsWith("etag:\"v1\"");
    }

    @Test
    void should_process_only_the_page_whose_content_changed() {
        pages.put("/a", page("Glaciers", "\"v1\"", null));
        pages.put("/b", page("Volcanoes", "\"v1\"", null));
        ingest(web("/a", "/b"));
        pages.put("/a", page("Glaciers melting fast", "\"v2\"", null));

        IngestReport second = ingest(web("/a", "/b"));

        assertThat(second.ingested()).isEqualTo(1);
        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(chunksInIndex()).isEqualTo(2);
        try (Sluice.Searcher searcher = Sluice.openSearcher(index)) {
            assertThat(searcher.search(new dev.sluice.retrieve.SearchRequest(
                                    "melting",
                                    dev.sluice.retrieve.SearchMode.BM25,
                                    5,
                                    dev.sluice.retrieve.SearchFilters.NONE))
                            .getFirst()
                            .documentUri())
                    .isEqualTo(base + "/a");
        }
    }

    @Test
    void should_not_process_a_page_again_when_its_content_is_the_same_though_the_server_ignores_conditions() {
        pages.put("/a", exchange -> send(exchange, 200, "text/html", html("Glaciers")));
        ingest(web("/a"));

        IngestReport second = ingest(web("/a"));

        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.ingested()).isZero();
        assertThat(requestsFor("/a")).hasSize(2);
    }

    @Test
    void should_keep_the_last_version_and_mark_the_source_failed_when_the_server_keeps_answering_500()
            throws IOException {
        pages.put("/a", page("Glaciers", "\"v1\"", null));
        Path docs = Files.createDirectories(work.resolve("docs"));
        DirectorySource local = new DirectorySource("local", docs, List.of(), List.of());
        ingest(web("/a"), local);
        pages.put("/a", status(500));
        Files.writeString(docs.resolve("notes.md"), "# Notes\n\nA local note about tides and the moon.\n");
        requests.clear();

        IngestReport second = ingest(web("/a"), local);

        assertThat(requestsFor("/a")).as("one attempt and two retries").hasSize(3);
        assertThat(second.failedSources()).containsOnlyKeys("web");
        assertThat(second.failedSources().get("web")).contains("HTTP 500").contains("after 3 attempts");
        assertThat(second.ingested()).as("the local source still syncs").isEqualTo(1);
        assertThat(second.deleted()).isZero();
        assertThat(catalogDocuments()).containsKey(base + "/a");
        assertThat(chunksInIndex()).isEqualTo(2);
        try (SqliteCatalog catalog = SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME))) {
            Catalog.SourceState state = catalog.sources().get("web");
            assertThat(state.lastFailedMillis()).isGreaterThan(state.lastOkMillis());
            assertThat(state.lastError()).contains("HTTP 500");
            assertThat(catalog.sources().get("local").lastError()).isNull();
        }
    }

    @Test
    void should_wait_as_long_as_retry_after_says_then_fetch() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Handler ok = page("Glaciers", "\"v1\"", null);
        pages.put("/a", exchange -> {
            if (calls.getAndIncrement() == 0) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                exchange.sendResponseHeaders(429, -1);
            } else {
                ok.handle(exchange);
            }
        });

        IngestReport report = ingest(web("/a"));

        assertThat(report.ingested()).isEqualTo(1);
        List<Seen> seen = requestsFor("/a");
        assertThat(seen).hasSize(2);
        assertThat((seen.get(1).atNanos() - seen.get(0).atNanos()) / 1_000_000)
                .as("milliseconds between the 429 and the retry")
                .isGreaterThanOrEqualTo(950);
    }

    @Test
    void should_give_up_on_a_response_slower_than_the_time_limit_and_keep_the_page() {
        pages.put("/a", page("Glaciers", "\"v1\"", null));
        ingest(web("/a"));
        pages.put("/a", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("<html><body><p>".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(5_000); // headers came at once; the body never finishes in time
        });
        long start = System.nanoTime();

        IngestReport second = ingest(web("/a"));

        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(second.failedSources().get("web")).contains("no complete response within 1000 ms");
        assertThat(catalogDocuments()).containsKey(base + "/a");
        assertThat(chunksInIndex()).isEqualTo(1);
        assertThat(seconds)
                .as("three attempts of at most 1 s each, not three 5 s waits")
                .isLessThan(5);
    }

    @Test
    void should_quarantine_a_page_larger_than_the_limit_whether_declared_or_streamed() {
        byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        pages.put("/declared", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, big.length);
            exchange.getResponseBody().write(big);
        });
        pages.put("/streamed", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0); // chunked: the size shows only while reading
            for (int i = 0; i < 100; i++) {
                exchange.getResponseBody().write(big);
            }
        });

        IngestReport report = ingest(web("/declared", "/streamed"));

        assertThat(reasonOf(report, base + "/declared")).isEqualTo(QuarantineReason.TOO_LARGE);
        assertThat(reasonOf(report, base + "/streamed")).isEqualTo(QuarantineReason.TOO_LARGE);
        assertThat(report.quarantined())
                .allSatisfy(q -> assertThat(q.message()).contains("larger than the limit of 65536 bytes"));
    }

    @Test
    void should_refuse_a_redirect_to_a_loopback_name_before_connecting() {
        int port = server.getAddress().getPort();
        pages.put("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://localhost:" + port + "/secret");
            exchange.sendResponseHeaders(302, -1);
        });
        pages.put("/secret", exchange -> send(exchange, 200, "text/plain", "internal only"));

        IngestReport report = ingest(web("/moved"));

        assertThat(reasonOf(report, base + "/moved")).isEqualTo(QuarantineReason.REFUSED_ADDRESS);
        assertThat(report.quarantined().getFirst().message())
                .contains("localhost")
                .contains("loopback")
                .contains("redirected from " + base + "/moved");
        assertThat(requestsFor("/secret"))
                .as("the private address was never contacted")
                .isEmpty();
    }

    @Test
    void should_refuse_a_loopback_address_unless_the_source_allows_it() {
        pages.put("/a", page("Glaciers", "\"v1\"", null));
        FetchSettings strict = settings().withAllowedHosts(List.of());
        UrlSource source = new UrlSource("web", List.of(URI.create(base + "/a")), List.of(), strict);

        IngestReport report = ingest(source);

        assertThat(reasonOf(report, base + "/a")).isEqualTo(QuarantineReason.REFUSED_ADDRESS);
        assertThat(report.quarantined().getFirst().message()).contains("allowedHosts");
        assertThat(requests).isEmpty();
    }

    @Test
    void should_quarantine_a_page_that_answers_404_and_remove_its_old_version() {
        pages.put("/a", page("Glaciers", "\"v1\"", null));
        ingest(web("/a"));
        pages.remove("/a");

        IngestReport second = ingest(web("/a"));

        assertThat(reasonOf(second, base + "/a")).isEqualTo(QuarantineReason.FETCH_FAILED);
        assertThat(second.quarantined().getFirst().message()).contains("HTTP 404");
        assertThat(chunksInIndex()).isZero();
    }

    @Test
    void should_follow_a_sitemap_index_and_remove_pages_that_leave_the_sitemap() {
        pages.put("/a", page("Glaciers", "\"v1\"", null));
        pages.put("/b", page("Volcanoes", "\"v1\"", null));
        pages.put("/sitemap-index.xml", exchange -> send(exchange, 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>%s/pages.xml</loc></sitemap>
                </sitemapindex>""".formatted(base)));
        pages.put("/pages.xml", exchange -> send(exchange, 200, "application/xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <url><loc>%1$s/a</loc></url>
                  <url><loc>%1$s/b#section</loc></url>
                </urlset>""".formatted(base)));
        UrlSource source =
                new UrlSource("web", List.of(), List.of(URI.create(base + "/sitemap-index.xml")), settings());
        IngestReport first = ingest(source);
        assertThat(first.ingested()).isEqualTo(2);
        assertThat(catalogDocuments()).containsOnlyKeys(base + "/a", base + "/b");

        pages.put("/pages.xml", exchange -> send(exchange, 200, "application/xml", """
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/a</loc></url></urlset>""".formatted(base)));
        IngestReport second = ingest(source);

        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.deleted()).isEqualTo(1);
        assertThat(catalogDocuments()).containsOnlyKeys(base + "/a");
        assertThat(chunksInIndex()).isEqualTo(1);
    }

    @Test
    void should_fail_the_source_and_keep_its_pages_when_the_sitemap_cannot_be_fetched() {
        pages.put("/a", page("Glaciers", "\"v1\"", null));
        pages.put("/sitemap.xml", exchange -> send(exchange, 200, "application/xml", """
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>%s/a</loc></url></urlset>""".formatted(base)));
        UrlSource source = new UrlSource("web", List.of(), List.of(URI.create(base + "/sitemap.xml")), settings());
        ingest(source);
        pages.put("/sitemap.xml", status(503));
        Path docs;
        try {
            docs = Files.createDirectories(work.resolve("docs"));
            Files.writeString(docs.resolve("tides.md"), "# Tides\n\nThe moon pulls the sea.\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        IngestReport second = ingest(source, new DirectorySource("local", docs, List.of(), List.of()));

        assertThat(second.failedSources().get("web")).contains("sitemap").contains("HTTP 503");
        assertThat(second.deleted()).isZero();
        assertThat(catalogDocuments()).containsKey(base + "/a");
    }
}
