/**
 * How the {@code sluice} process logs: Logback, configured in code, writing to standard error (standard
 * output is the commands' own). Two formats: {@code text}, short human lines ({@code INFO
 * dev.sluice.LiveSearcher - ...}), the default of interactive commands; and {@code json}, one JSON
 * object a line ({@link dev.sluice.cli.logs.JsonLineEncoder}: timestamp in UTC, level, logger, thread,
 * message, the MDC's {@code requestId}, {@code traceId} and {@code spanId}, key-value pairs, the
 * exception as text), the default of {@code sluice serve}.
 *
 * <p>Who decides, first to last: an operator's own {@code -Dlogback.configurationFile} (then none of
 * this applies); {@code sluice serve --log-format / --log-level / --no-access-log}; the variables
 * {@code SLUICE_LOG_FORMAT} and {@code SLUICE_LOG_LEVEL} for any command; the defaults ({@link
 * dev.sluice.cli.logs.LogSettings}). Sluice's own loggers ({@code dev.sluice}) log at INFO; libraries
 * (Jetty, Javalin, Tika, PDFBox, Lucene, OpenTelemetry) only errors in interactive commands, which
 * speak to the user through their own output, and warnings too under {@code sluice serve}.
 * {@code java.util.logging} (Lucene, OpenTelemetry) is routed into the same output, so a JSON log has
 * nothing but JSON lines.
 *
 * <p>Logback finds {@link dev.sluice.cli.logs.ProcessLogging} through {@code META-INF/services} at the
 * first log call, before any command runs, so nothing logs through Logback's own noisy default; a
 * bad variable falls back to the defaults there and {@code SluiceCli} then exits 2 naming it.
 */
package dev.sluice.cli.logs;
