package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.AccessList;
import dev.sluice.source.http.FetchSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code sources} section: folders and files, web pages and sitemaps, their access lists. */
final class SourcesSection extends ConfigReader {
    private static final Set<String> ACCESS = Set.of("principals", "groups");
    private static final Set<String> SOURCE = Set.of(
            "name",
            "path",
            "include",
            "exclude",
            "freshness",
            "gitignore",
            "urls",
            "sitemaps",
            "http",
            "access",
            "checks",
            "contract");
    private static final Set<String> HTTP = Set.of(
            "allowPrivateAddresses",
            "allowedHosts",
            "maxMb",
            "timeoutSeconds",
            "concurrency",
            "requestsPerSecond",
            "retries");

    SourcesSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    List<SluiceConfig.Source> sources(JsonNode node, Path base) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("sources", "sources must be a list of sources (each with a path), got " + describe(node));
        }
        List<SluiceConfig.Source> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "sources[" + i + "]";
            JsonNode s = node.get(i);
            object(s, at, SOURCE);
            boolean web = s.has("urls") || s.has("sitemaps");
            if (web) {
                sources.add(webSource(s, at, names));
                continue;
            }
            if (!s.has("path")) {
                throw error(
                        at,
                        at + " needs a path (a folder or file, relative to " + file.getFileName()
                                + "), or urls or sitemaps for web pages");
            }
            if (s.has("http")) {
                throw error(at + ".http", at + ".http applies to web sources (urls, sitemaps), not to a path");
            }
            Path path = base.resolve(string(s.get("path"), at + ".path")).normalize();
            String name = s.has("name") ? string(s.get("name"), at + ".name") : nameOf(path);
            if (!names.add(name)) {
                throw error(
                        s.has("name") ? at + ".name" : at + ".path",
                        "source name '" + name + "' is used twice; give each source its own name");
            }
            List<String> include = globs(s.get("include"), at + ".include");
            List<String> exclude = globs(s.get("exclude"), at + ".exclude");
            Duration freshness = s.has("freshness") ? duration(s.get("freshness"), at + ".freshness") : null;
            boolean gitignore = s.has("gitignore") && bool(s.get("gitignore"), at + ".gitignore");
            sources.add(new SluiceConfig.Source(
                    name,
                    path,
                    include,
                    exclude,
                    freshness,
                    gitignore,
                    List.of(),
                    List.of(),
                    null,
                    access(s.get("access"), at + ".access")));
        }
        return sources;
    }

    SluiceConfig.Source webSource(JsonNode s, String at, Set<String> names) {
        for (String localOnly : List.of("path", "include", "exclude", "gitignore")) {
            if (s.has(localOnly)) {
                throw error(
                        at + "." + localOnly,
                        at + "." + localOnly + " applies to folders and files; a source with urls or sitemaps"
                                + " fetches exactly the pages they name");
            }
        }
        List<URI> urls = urls(s.get("urls"), at + ".urls");
        List<URI> sitemaps = urls(s.get("sitemaps"), at + ".sitemaps");
        if (urls.isEmpty() && sitemaps.isEmpty()) {
            throw error(at, at + " names no URL: give urls or sitemaps at least one");
        }
        String name = s.has("name")
                ? string(s.get("name"), at + ".name")
                : (urls.isEmpty() ? sitemaps : urls).getFirst().getHost();
        if (!names.add(name)) {
            throw error(
                    s.has("name") ? at + ".name" : at,
                    "source name '" + name + "' is used twice; give each source its own name");
        }
        Duration freshness = s.has("freshness") ? duration(s.get("freshness"), at + ".freshness") : null;
        return new SluiceConfig.Source(
                name,
                null,
                List.of(),
                List.of(),
                freshness,
                false,
                urls,
                sitemaps,
                http(s.get("http"), at + ".http"),
                access(s.get("access"), at + ".access"));
    }

    /** {@code access: {principals: [...], groups: [...]}}; absent: open to every caller. */
    AccessList access(JsonNode node, String key) {
        if (node == null || node.isNull()) {
            return AccessList.PUBLIC;
        }
        object(node, key, ACCESS);
        List<String> principals = names(node.get("principals"), key + ".principals");
        List<String> groups = names(node.get("groups"), key + ".groups");
        if (principals.isEmpty() && groups.isEmpty()) {
            throw error(key, key + " names no principal and no group; remove it to open the source to every caller");
        }
        return new AccessList(principals, groups);
    }

    FetchSettings http(JsonNode node, String key) {
        FetchSettings d = FetchSettings.defaults();
        if (node == null || node.isNull()) {
            return d;
        }
        object(node, key, HTTP);
        boolean allowPrivate = node.has("allowPrivateAddresses")
                && bool(node.get("allowPrivateAddresses"), key + ".allowPrivateAddresses");
        long maxBytes = node.has("maxMb") ? positive(node.get("maxMb"), key + ".maxMb") * 1024L * 1024 : d.maxBytes();
        long timeout = node.has("timeoutSeconds")
                ? positive(node.get("timeoutSeconds"), key + ".timeoutSeconds") * 1000L
                : d.timeoutMillis();
        int concurrency =
                node.has("concurrency") ? positive(node.get("concurrency"), key + ".concurrency") : d.concurrency();
        double rate = d.requestsPerSecond();
        if (node.has("requestsPerSecond")) {
            JsonNode r = node.get("requestsPerSecond");
            if (!r.isNumber() || !(r.asDouble() > 0)) {
                throw error(
                        key + ".requestsPerSecond",
                        key + ".requestsPerSecond must be a number > 0 (0.5 is one request every 2 s), got "
                                + describe(r));
            }
            rate = r.asDouble();
        }
        int retries = node.has("retries") ? integer(node.get("retries"), key + ".retries") : d.retries();
        List<String> allowedHosts = new ArrayList<>();
        if (node.has("allowedHosts")) {
            JsonNode hosts = node.get("allowedHosts");
            if (!hosts.isArray()) {
                throw error(
                        key + ".allowedHosts",
                        key + ".allowedHosts must be a list of host names, got " + describe(hosts));
            }
            for (int i = 0; i < hosts.size(); i++) {
                allowedHosts.add(string(hosts.get(i), key + ".allowedHosts[" + i + "]"));
            }
        }
        return new FetchSettings(
                allowPrivate,
                allowedHosts,
                maxBytes,
                timeout,
                concurrency,
                rate,
                retries,
                d.backoffMillis(),
                d.maxRetryAfterMillis(),
                d.maxRedirects());
    }

    static String nameOf(Path path) {
        Path name = path.getFileName();
        return name == null ? "root" : name.toString();
    }
}
