package dev.sluice.source.http;

import dev.sluice.core.Backoff;
import dev.sluice.core.QuarantineReason;
import dev.sluice.source.KnownVersion;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one URL the careful way: every address checked by {@link AddressGuard} (redirects are
 * followed here, hop by hop, never by the client), conditional requests from the recorded version,
 * a size cap enforced while the body streams, one deadline for headers and body, and retries with
 * exponential backoff and jitter on 429, 5xx, time-outs and connection failures, honouring
 * Retry-After. Thread-safe; one instance serves one source's listing.
 */
final class HttpFetcher implements AutoCloseable {
    /** What came of a fetch. */
    sealed interface Outcome {}

    /** The server confirmed the recorded version (HTTP 304). */
    record NotModified() implements Outcome {}

    /**
     * The body is in {@code file}.
     *
     * @param lastModifiedMillis the Last-Modified header, or 0
     * @param etag the ETag header, or null
     */
    record Fetched(Path file, long sizeBytes, String sha256, String etag, long lastModifiedMillis, URI finalUri)
            implements Outcome {}

    /**
     * The URL could not be fetched.
     *
     * @param passing a reason that may pass by itself (5xx, 429, time-out, network): the document's
     *     recorded version stays; otherwise the document is quarantined
     */
    record Failed(QuarantineReason reason, String message, boolean passing) implements Outcome {}

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final Map<String, String> EXTENSIONS = Map.of(
            "text/html", ".html",
            "application/xhtml+xml", ".html",
            "text/plain", ".txt",
            "text/markdown", ".md",
            "text/x-markdown", ".md",
            "application/pdf", ".pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx",
            "text/csv", ".csv",
            "application/xml", ".xml",
            "text/xml", ".xml");

    /** HTTP's preferred date format (RFC 9110): two-digit day, English names, always GMT. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private final FetchSettings settings;
    private final Backoff backoff;
    private final HttpClient client;
    private final RequestRateLimiter limiter;

    HttpFetcher(FetchSettings settings) {
        this.settings = settings;
        this.backoff = Backoff.doubling(settings.backoffMillis());
        this.limiter = new RequestRateLimiter(settings.requestsPerSecond());
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(settings.timeoutMillis()))
                .build();
    }

    /**
     * Fetches {@code uri} into a file in {@code folder} named {@code baseName} plus an extension
     * from the content type; conditionally when {@code known} is not null.
     */
    Outcome fetch(URI uri, KnownVersion known, Path folder, String baseName) throws InterruptedException {
        String lastPassing = null;
        for (int attempt = 0; ; attempt++) {
            Attempt result = attempt(uri, known, folder, baseName);
            if (result.outcome() != null) {
                return result.outcome();
            }
            lastPassing = result.retryMessage();
            if (attempt >= settings.retries()) {
                return new Failed(
                        QuarantineReason.FETCH_FAILED,
                        lastPassing + (attempt > 0 ? " (after " + (attempt + 1) + " attempts)" : ""),
                        true);
            }
            if (result.retryAfterMillis() > settings.maxRetryAfterMillis()) {
                return new Failed(
                        QuarantineReason.FETCH_FAILED,
                        lastPassing + "; the server asks to wait " + result.retryAfterMillis() / 1000
                                + " s, longer than the " + settings.maxRetryAfterMillis() / 1000 + " s allowed",
                        true);
            }
            TimeUnit.MILLISECONDS.sleep(backoff.delayMillis(attempt, result.retryAfterMillis()));
        }
    }

    /** Either a final outcome, or a reason to retry (with the server's Retry-After, or 0). */
    private record Attempt(Outcome outcome, String retryMessage, long retryAfterMillis) {
        static Attempt done(Outcome outcome) {
            return new Attempt(outcome, null, 0);
        }

        static Attempt retry(String message, long retryAfterMillis) {
            return new Attempt(null, message, retryAfterMillis);
        }
    }

    private Attempt attempt(URI uri, KnownVersion known, Path folder, String baseName) throws InterruptedException {
        URI current = uri;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            try {
                AddressGuard.check(current, settings);
            } catch (AddressGuard.RefusedException e) {
                String via = current.equals(uri) ? "" : " (redirected from " + uri + ")";
                return Attempt.done(new Failed(QuarantineReason.REFUSED_ADDRESS, e.getMessage() + via, false));
            } catch (UnknownHostException e) {
                return Attempt.retry("host " + current.getHost() + " not found", 0);
            }
            limiter.acquire();
            HttpRequest request = request(current, known);
            Path target = folder.resolve(baseName);
            CompletableFuture<HttpResponse<LimitedFileSubscriber.Body>> future =
                    client.sendAsync(request, info -> subscriber(info, target));
            HttpResponse<LimitedFileSubscriber.Body> response;
            try {
                response = future.get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return Attempt.retry(current + ": no complete response within " + settings.timeoutMillis() + " ms", 0);
            } catch (ExecutionException e) {
                return failure(current, e.getCause());
            }
            int status = response.statusCode();
            if (status == 304 && known != null) {
                return Attempt.done(new NotModified());
            }
            if (status == 200) {
                LimitedFileSubscriber.Body body = response.body();
                Path named = withExtension(target, response, current);
                try {
                    java.nio.file.Files.move(target, named, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    return Attempt.retry(current + ": cannot keep the downloaded body: " + e.getMessage(), 0);
                }
                return Attempt.done(new Fetched(
                        named,
                        body.sizeBytes(),
                        body.sha256(),
                        response.headers().firstValue("ETag").orElse(null),
                        httpDateMillis(
                                response.headers().firstValue("Last-Modified").orElse(null)),
                        current));
            }
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    return Attempt.done(new Failed(
                            QuarantineReason.FETCH_FAILED,
                            current + ": HTTP " + status + " redirect without a Location header",
                            false));
                }
                try {
                    current = current.resolve(location.trim());
                } catch (IllegalArgumentException e) {
                    return Attempt.done(new Failed(
                            QuarantineReason.FETCH_FAILED,
                            current + ": HTTP " + status + " redirect to an invalid URL: " + location,
                            false));
                }
                continue;
            }
            if (status == 429 || status >= 500 && status != 501 && status != 505) {
                long retryAfter = Backoff.retryAfterMillis(
                        response.headers().firstValue("Retry-After").orElse(null));
                return Attempt.retry(current + ": HTTP " + status, retryAfter);
            }
            return Attempt.done(new Failed(QuarantineReason.FETCH_FAILED, current + ": HTTP " + status, false));
        }
        return Attempt.done(new Failed(
                QuarantineReason.FETCH_FAILED, uri + ": more than " + settings.maxRedirects() + " redirects", false));
    }

    private HttpRequest request(URI uri, KnownVersion known) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(Duration.ofMillis(settings.timeoutMillis()))
                .header("User-Agent", FetchSettings.USER_AGENT);
        if (known != null) {
            if (known.etag() != null) {
                builder.header("If-None-Match", known.etag());
            }
            if (known.modifiedMillis() > 0) {
                builder.header(
                        "If-Modified-Since",
                        IMF_FIXDATE.format(
                                Instant.ofEpochMilli(known.modifiedMillis()).atZone(ZoneOffset.UTC)));
            }
        }
        return builder.build();
    }

    private HttpResponse.BodySubscriber<LimitedFileSubscriber.Body> subscriber(
            HttpResponse.ResponseInfo info, Path target) {
        if (info.statusCode() != 200) {
            return new LimitedFileSubscriber(null, MAX_ERROR_BODY_BYTES, -1);
        }
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new LimitedFileSubscriber(target, settings.maxBytes(), declared);
    }

    private Attempt failure(URI uri, Throwable cause) {
        if (cause instanceof LimitedFileSubscriber.TooLargeException tooLarge) {
            return Attempt.done(new Failed(QuarantineReason.TOO_LARGE, uri + ": " + tooLarge.getMessage(), false));
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return Attempt.retry(uri + ": connection timed out", 0);
        }
        if (cause instanceof HttpTimeoutException) {
            return Attempt.retry(uri + ": no response within " + settings.timeoutMillis() + " ms", 0);
        }
        if (cause instanceof IOException io) {
            String message = io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
            return Attempt.retry(uri + ": " + message, 0);
        }
        if (cause instanceof IllegalArgumentException bad) {
            return Attempt.done(new Failed(QuarantineReason.FETCH_FAILED, uri + ": " + bad.getMessage(), false));
        }
        return Attempt.retry(uri + ": " + cause, 0);
    }

    /** The target named with an extension from the content type, or from the URL's path. */
    private static Path withExtension(Path target, HttpResponse<?> response, URI uri) {
        String type = response.headers()
                .firstValue("Content-Type")
                .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
        String extension = EXTENSIONS.get(type);
        if (extension == null) {
            String path = uri.getPath() == null ? "" : uri.getPath();
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            extension = dot > slash && path.length() - dot <= 6
                    ? path.substring(dot).toLowerCase(Locale.ROOT)
                    : "";
        }
        return target.resolveSibling(target.getFileName() + extension);
    }

    /** An HTTP date (RFC 1123) as epoch milliseconds, or 0 when absent or unreadable. */
    static long httpDateMillis(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
