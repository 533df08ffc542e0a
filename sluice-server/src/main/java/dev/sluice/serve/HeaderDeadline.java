package dev.sluice.serve;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers have not all arrived within the deadline of
 * their first byte. Jetty 12 has no such limit: its idle timeout restarts on every byte, so a client
 * sending one header line every few seconds holds a connection for as long as the header size cap
 * lets it write (hours at 8 KiB). Checked every quarter of the deadline (at least every second), so
 * a slow header is closed within 1.25 times the deadline; the connection closes without an answer,
 * as no request exists yet to answer.
 *
 * <p>It reads the state of each connection's HTTP/1.1 parser ({@link HttpParser} is public; the
 * connection class is in Jetty's internal package, so an upgrade that moves it fails {@code
 * HostileClientIT}, never silently).
 */
final class HeaderDeadline extends AbstractLifeCycle implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final AbstractConnector connector;
    private final long deadlineMillis;
    private final long periodMillis;
    private volatile Scheduler.Task next;

    HeaderDeadline(AbstractConnector connector, long deadlineMillis) {
        this.connector = connector;
        this.deadlineMillis = deadlineMillis;
        this.periodMillis = Math.clamp(deadlineMillis / 4, 10, 1000);
    }

    @Override
    protected void doStart() {
        next = connector.getScheduler().schedule(this, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    @Override
    public void run() {
        try {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection connection) {
                    HttpParser parser = connection.getParser();
                    long begin = parser.getBeginNanoTime();
                    if (begin != 0
                            && !parser.isStart()
                            && parser.inHeaderState()
                            && NanoTime.millisSince(begin) > deadlineMillis) {
                        LOG.debug(
                                "closing {}: its request headers did not arrive within {} ms",
                                endPoint.getRemoteSocketAddress(),
                                deadlineMillis);
                        endPoint.close(new TimeoutException(
                                "the request headers did not arrive within " + deadlineMillis + " ms"));
                    }
                }
            }
        } finally {
            if (isRunning()) {
                next = connector.getScheduler().schedule(this, periodMillis, TimeUnit.MILLISECONDS);
            }
        }
    }
}
