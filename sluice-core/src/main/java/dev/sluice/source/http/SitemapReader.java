package dev.sluice.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a sitemap (sitemaps.org protocol): a {@code <urlset>} of page locations, or a {@code
 * <sitemapindex>} of further sitemaps; plain or gzip-compressed. jsoup's XML parser resolves no
 * external entities, so a hostile sitemap cannot read local files.
 */
final class SitemapReader {
    private SitemapReader() {}

    /** The locations a sitemap lists: pages, and nested sitemaps to read in turn. */
    record Entries(List<URI> pages, List<URI> sitemaps, List<String> invalid) {}

    static Entries read(Path file, URI base) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        Document doc = Jsoup.parse(new String(bytes, StandardCharsets.UTF_8), base.toString(), Parser.xmlParser());
        List<URI> pages = new ArrayList<>();
        List<URI> sitemaps = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (Element loc : doc.select("urlset > url > loc")) {
            add(loc.text().trim(), base, pages, invalid);
        }
        for (Element loc : doc.select("sitemapindex > sitemap > loc")) {
            add(loc.text().trim(), base, sitemaps, invalid);
        }
        if (pages.isEmpty()
                && sitemaps.isEmpty()
                && doc.select("urlset, sitemapindex").isEmpty()) {
            throw new IOException("not a sitemap: no <urlset> or <sitemapindex> element");
        }
        return new Entries(pages, sitemaps, invalid);
    }

    private static void add(String location, URI base, List<URI> into, List<String> invalid) {
        try {
            URI uri = base.resolve(new URI(location)).normalize();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) {
                into.add(UrlSource.withoutFragment(uri));
            } else {
                invalid.add(location);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            invalid.add(location);
        }
    }
}
