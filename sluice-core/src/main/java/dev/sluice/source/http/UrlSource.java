package dev.sluice.source.http;

import dev.sluice.core.SluiceException;
import dev.sluice.source.KnownVersion;
import dev.sluice.source.ListContext;
import dev.sluice.source.Listing;
import dev.sluice.source.ListingFailure;
import dev.sluice.source.Source;
import dev.sluice.source.SourceItem;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Web pages as a source: a list of URLs, and the pages the given sitemaps list (sitemap indexes
 * followed up to three levels). Each run asks the server whether a page changed since its recorded
 * version (If-None-Match, If-Modified-Since) and downloads only those that did, into the run's
 * scratch folder; a page whose content hash is unchanged is not processed again even when the
 * server does not support conditional requests.
 *
 * <p>Failures are sorted by whether they may pass. A 5xx, a 429, a time-out or a network failure
 * leaves the page's last version in the index and marks the source failed for the run (status
 * alerts). A 4xx, a refused address or an oversized body quarantines the page with its reason. A
 * sitemap that cannot be read fails the whole source, whose documents are then left as they are.
 */
public final class UrlSource implements Source {
    private static final int MAX_SITEMAP_DEPTH = 3;
    private static final int MAX_PAGES = 100_000;

    private final String name;
    private final List<URI> pages;
    private final List<URI> sitemaps;
    private final FetchSettings settings;
    private final dev.sluice.core.AccessList access;

    public UrlSource(String name, List<URI> pages, List<URI> sitemaps, FetchSettings settings) {
        this(name, pages, sitemaps, settings, dev.sluice.core.AccessList.PUBLIC);
    }

    /** A web source whose pages only these principals and groups may read. */
    public UrlSource(
            String name,
            List<URI> pages,
            List<URI> sitemaps,
            FetchSettings settings,
            dev.sluice.core.AccessList access) {
        if (pages.isEmpty() && sitemaps.isEmpty()) {
            throw new IllegalArgumentException("source '" + name + "' names no URL and no sitemap");
        }
        this.name = name;
        this.pages = pages.stream().map(UrlSource::withoutFragment).toList();
        this.sitemaps = List.copyOf(sitemaps);
        this.settings = settings;
        this.access = access;
    }

    @Override
    public dev.sluice.core.AccessList access() {
        return access;
    }

    /** Parses a URL given by a user; the message names where it came from. */
    public static URI parse(String url, String where) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https") || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        where + " must be an http or https URL with a host, got '" + url + "'");
            }
            return uri.normalize();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    static URI withoutFragment(URI uri) {
        if (uri.getFragment() == null) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    @Override
    public String name() {
        return name;
    }

    /** The pages the source names. */
    public List<URI> pages() {
        return pages;
    }

    /** The sitemaps whose pages the source fetches. */
    public List<URI> sitemaps() {
        return sitemaps;
    }

    public FetchSettings settings() {
        return settings;
    }

    @Override
    public Listing list(ListContext context) {
        if (context.scratch() == null) {
            throw new IllegalArgumentException("web source '" + name + "' needs a scratch folder to download into");
        }
        try (HttpFetcher fetcher = new HttpFetcher(settings)) {
            Path folder = Files.createTempDirectory(Files.createDirectories(context.scratch()), "web-");
            List<URI> urls = urls(fetcher, folder);
            return fetchAll(fetcher, urls, context, folder);
        } catch (IOException e) {
            throw new SluiceException(
                    "source '" + name + "': cannot write to the scratch folder: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("source '" + name + "': interrupted while fetching", e);
        }
    }

    /** The pages named directly and those of the sitemaps, each once, in order. */
    private List<URI> urls(HttpFetcher fetcher, Path folder) throws InterruptedException, IOException {
        Set<URI> urls = new LinkedHashSet<>(pages);
        Deque<URI> queue = new ArrayDeque<>(sitemaps);
        Set<URI> visited = new LinkedHashSet<>();
        int depth = 0;
        while (!queue.isEmpty() && depth < MAX_SITEMAP_DEPTH) {
            Deque<URI> next = new ArrayDeque<>();
            for (URI sitemap : queue) {
                if (!visited.add(sitemap)) {
                    continue;
                }
                SitemapReader.Entries entries = readSitemap(fetcher, sitemap, folder, visited.size());
                for (URI page : entries.pages()) {
                    if (urls.size() >= MAX_PAGES) {
                        throw new SluiceException("source '" + name + "': the sitemaps list more than " + MAX_PAGES
                                + " pages; split the source");
                    }
                    urls.add(page);
                }
                next.addAll(entries.sitemaps());
            }
            queue = next;
            depth++;
        }
        return new ArrayList<>(urls);
    }

    private SitemapReader.Entries readSitemap(HttpFetcher fetcher, URI sitemap, Path folder, int n)
            throws InterruptedException {
        HttpFetcher.Outcome outcome = fetcher.fetch(sitemap, null, folder, "sitemap-" + n);
        if (outcome instanceof HttpFetcher.Fetched fetched) {
            try {
                return SitemapReader.read(fetched.file(), fetched.finalUri());
            } catch (IOException e) {
                throw new SluiceException(
                        "source '" + name + "': sitemap " + sitemap + " cannot be read: " + e.getMessage(), e);
            }
        }
        String why = outcome instanceof HttpFetcher.Failed failed ? failed.message() : "unexpected answer";
        throw new SluiceException("source '" + name + "': sitemap " + sitemap + " could not be fetched: " + why
                + "; its pages keep their last indexed version");
    }

    private Listing fetchAll(HttpFetcher fetcher, List<URI> urls, ListContext context, Path folder)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(
                settings.concurrency(),
                Thread.ofPlatform().name("sluice-fetch-", 0).daemon().factory());
        try {
            List<Future<HttpFetcher.Outcome>> futures = new ArrayList<>();
            List<KnownVersion> known = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                URI url = urls.get(i);
                KnownVersion version = context.known().apply(url.toString());
                known.add(version);
                String baseName = "page-" + i;
                futures.add(pool.submit(() -> fetcher.fetch(url, version, folder, baseName)));
            }
            List<SourceItem> items = new ArrayList<>();
            List<ListingFailure> failures = new ArrayList<>();
            Set<String> retained = new LinkedHashSet<>();
            List<String> passing = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                String uri = urls.get(i).toString();
                switch (outcome(futures.get(i), uri)) {
                    case HttpFetcher.NotModified ignored -> {
                        KnownVersion version = known.get(i);
                        items.add(new SourceItem(
                                name,
                                null,
                                uri,
                                uri,
                                version.sizeBytes(),
                                version.modifiedMillis(),
                                version.version()));
                    }
                    case HttpFetcher.Fetched f ->
                        items.add(new SourceItem(
                                name,
                                f.file(),
                                uri,
                                uri,
                                f.sizeBytes(),
                                f.lastModifiedMillis(),
                                SourceItem.version(f.sha256(), f.etag())));
                    case HttpFetcher.Failed f
                    when f.passing() -> {
                        retained.add(uri);
                        passing.add(f.message());
                    }
                    case HttpFetcher.Failed f ->
                        failures.add(new ListingFailure(name, uri, uri, f.reason(), f.message()));
                }
            }
            Map<String, String> failed = passing.isEmpty()
                    ? Map.of()
                    : Map.of(
                            name,
                            passing.size() + " of " + urls.size()
                                    + " pages could not be fetched this time and keep their last version; first: "
                                    + passing.getFirst());
            return new Listing(List.of(name), items, failures, 0, 0, failed, retained);
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpFetcher.Outcome outcome(Future<HttpFetcher.Outcome> future, String uri)
            throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new HttpFetcher.Failed(dev.sluice.core.QuarantineReason.INTERNAL_ERROR, uri + ": " + cause, false);
        }
    }
}
