package dev.sluice.serve;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * Cuts off a request body that trickles in: once the grace period has passed since the service
 * started reading it, the body must have averaged the minimum rate, or the next read fails with
 * {@link TooSlow} (answered 408 {@code request_timeout}; the connection then closes, since the rest
 * of the body cannot be skipped). The rate is checked each time the reader has to wait for more,
 * so a body that stops altogether is left to the idle timeout.
 *
 * <p>Jetty's own {@code MinimumDataRateHandler} divides the bytes read by <em>every</em> request
 * of the server since it started by the time of this one, so on a busy server no trickle is ever
 * slow enough; and {@code HttpConfiguration#setMinRequestDataRate} is not enforced by Jetty 12.
 */
final class MinimumBodyRate extends Handler.Wrapper {
    /** The request attribute that carries why a body was cut off, for the 408 answer. */
    static final String CUT_OFF = "sluice.bodyCutOff";

    private final long minBytesPerSecond;
    private final long graceNanos;

    MinimumBodyRate(long minBytesPerSecond, long graceMillis) {
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
    }

    /** A body that arrived below the minimum rate. */
    static final class TooSlow extends TimeoutException {
        private static final long serialVersionUID = 1L;

        TooSlow(String message) {
            super(message);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return super.handle(minBytesPerSecond > 0 ? new Measured(request) : request, response, callback);
    }

    /** Counts what the reader takes; read and demand are never called concurrently (Content.Source). */
    private final class Measured extends Request.Wrapper {
        private long firstDemandNanos;
        private long bytes;
        private Content.Chunk failure;

        Measured(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            if (failure != null) {
                return failure;
            }
            Content.Chunk chunk = super.read();
            if (chunk != null && !Content.Chunk.isFailure(chunk)) {
                bytes += chunk.remaining();
            }
            return chunk;
        }

        @Override
        public void demand(Runnable demandCallback) {
            long now = NanoTime.now();
            if (firstDemandNanos == 0) {
                firstDemandNanos = now == 0 ? 1 : now;
            }
            long elapsed = now - firstDemandNanos;
            if (failure == null && elapsed > graceNanos && bytes * 1e9 / elapsed < minBytesPerSecond) {
                String message = "the request body arrived too slowly: " + bytes + " bytes in "
                        + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms, under the minimum of " + minBytesPerSecond
                        + " bytes a second";
                setAttribute(CUT_OFF, message);
                failure = Content.Chunk.from(new TooSlow(message), true);
            }
            if (failure != null) {
                demandCallback.run();
                return;
            }
            super.demand(demandCallback);
        }
    }
}
