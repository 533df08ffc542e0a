package dev.sluice.serve;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * How the service's limits on slow and malformed clients are wired into Jetty: the idle timeout on
 * the connector (it covers a silent client in every phase), the header deadline ({@link
 * HeaderDeadline}), the minimum body rate ({@link MinimumBodyRate}), the request line and header
 * size cap, and JSON for the errors Jetty answers itself ({@link JsonErrorHandler}).
 */
final class JettyLimits {
    /** The request line and headers together (Jetty's default); 414 or 431 above it. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    private JettyLimits() {}

    static void apply(JavalinConfig c, String host, int port, SluiceServer.Limits limits) {
        JsonErrorHandler errors = new JsonErrorHandler(MAX_HEADER_BYTES);
        c.jetty.modifyHttpConfiguration(http -> {
            http.setIdleTimeout(limits.idleTimeoutMillis());
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
        });
        // Our own connector rather than Javalin's default, so that its idle timeout holds from the
        // first connection on.
        c.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(limits.idleTimeoutMillis());
            connector.addBean(new HeaderDeadline(connector, limits.headerTimeoutMillis()));
            return connector;
        });
        c.jetty.modifyServer(server -> {
            server.insertHandler(new MinimumBodyRate(limits.minBodyBytesPerSecond(), limits.bodyRateGraceMillis()));
            server.insertHandler(new GracefulHandler());
            server.setStopTimeout(30_000); // requests in flight get this long to finish
            server.setErrorHandler(errors);
        });
        c.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
    }
}
