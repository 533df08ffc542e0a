package dev.sluice.source.http;

import dev.sluice.core.Checks;
import java.util.List;
import java.util.Locale;

/**
 * How a web source fetches.
 *
 * @param allowPrivateAddresses fetch from loopback, private, link-local and other internal addresses
 *     (off by default: a source list or a redirect must not reach into the network Sluice runs in)
 * @param allowedHosts host names (or literal addresses) that may resolve to internal addresses when
 *     the others may not: an intranet server, without opening the whole internal network. Names
 *     match without regard to case; an address matches in any of its spellings, an IPv6 one with or
 *     without brackets ({@code ::1}, {@code [::1]} and {@code 0:0:0:0:0:0:0:1} are one address)
 * @param maxBytes largest response body; a larger one is quarantined as too large
 * @param timeoutMillis longest one request may take, headers and body together
 * @param concurrency requests in flight at once
 * @param requestsPerSecond most requests started per second (retries and redirects included)
 * @param retries further attempts after a 429, a 5xx, a time-out or a connection failure
 * @param backoffMillis wait before the first retry; doubled for each further one, with jitter
 * @param maxRetryAfterMillis longest Retry-After honoured; a server asking for more fails the page for this run
 * @param maxRedirects redirects followed per request
 */
public record FetchSettings(
        boolean allowPrivateAddresses,
        List<String> allowedHosts,
        long maxBytes,
        long timeoutMillis,
        int concurrency,
        double requestsPerSecond,
        int retries,
        long backoffMillis,
        long maxRetryAfterMillis,
        int maxRedirects) {

    public static final String USER_AGENT = "Sluice/0.1 (+https://github.com/sluice-dev/sluice)";

    public FetchSettings {
        allowedHosts =
                allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Checks.positive("FetchSettings.maxBytes", maxBytes);
        Checks.positive("FetchSettings.timeoutMillis", timeoutMillis);
        Checks.positive("FetchSettings.concurrency", concurrency);
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("http.requestsPerSecond must be > 0, got " + requestsPerSecond);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("http.retries must be >= 0, got " + retries);
        }
        if (backoffMillis < 0 || maxRetryAfterMillis < 0 || maxRedirects < 0) {
            throw new IllegalArgumentException(
                    "FetchSettings.backoffMillis, maxRetryAfterMillis and maxRedirects must be >= 0");
        }
    }

    /** 32 MiB, 30 s, 4 at once, 10 per second, 3 retries from 500 ms, Retry-After up to 60 s, 5 redirects. */
    public static FetchSettings defaults() {
        return new FetchSettings(false, List.of(), 32L * 1024 * 1024, 30_000, 4, 10, 3, 500, 60_000, 5);
    }

    /** Whether this host (as a URI gives it: an IPv6 literal in brackets) may resolve to an internal address. */
    public boolean mayBeInternal(String host) {
        if (allowPrivateAddresses) {
            return true;
        }
        String wanted = comparable(host);
        for (String allowed : allowedHosts) {
            if (comparable(allowed).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A host as it compares: a name in lower case; an address in its one canonical spelling, without
     * the brackets a URI puts around an IPv6 literal (a setting may be written with or without them).
     */
    static String comparable(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.length() > 2 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            return java.net.InetAddress.ofLiteral(h).getHostAddress();
        } catch (IllegalArgumentException aName) {
            return h;
        }
    }

    public FetchSettings withAllowedHosts(List<String> hosts) {
        return new FetchSettings(
                allowPrivateAddresses,
                hosts,
                maxBytes,
                timeoutMillis,
                concurrency,
                requestsPerSecond,
                retries,
                backoffMillis,
                maxRetryAfterMillis,
                maxRedirects);
    }
}
