/**
 * Web pages and sitemaps as a source. {@link dev.sluice.source.http.UrlSource} lists pages named
 * directly or through sitemaps; {@code HttpFetcher} fetches each one with conditional requests,
 * bounded concurrency and rate, retries with backoff (honouring Retry-After), a size cap enforced
 * while the body streams and one deadline per request; {@code AddressGuard} refuses loopback,
 * private and link-local addresses, for the first request and after every redirect, unless the
 * source allows them.
 *
 * <p>Example, as a {@code sluice.yaml} source:
 *
 * <pre>{@code
 * sources:
 *   - name: handbook
 *     sitemap: https://handbook.example.com/sitemap.xml
 *     http:
 *       maxMb: 8
 *       requestsPerSecond: 2
 * }</pre>
 *
 * <p>Traps: redirects are followed here, never by the HTTP client, so each hop is checked; the
 * address check resolves the host itself, so DNS rebinding between check and connect is not caught
 * (use an egress proxy where that matters).
 */
package dev.sluice.source.http;
