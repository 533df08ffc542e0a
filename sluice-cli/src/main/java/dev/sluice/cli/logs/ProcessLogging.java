package dev.sluice.cli.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.sluice.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up Logback for the process (see the package note): Logback calls {@link #configure} through
 * {@code META-INF/services} at the first log call, with {@link LogSettings#command}; {@code sluice
 * serve} calls {@link #apply} with its own once its flags are read.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ProcessLogging extends ContextAwareBase implements Configurator {
    /** Sluice's own loggers share this prefix. */
    static final String SLUICE = "dev.sluice";
    /** The service's access log (dev.sluice.serve.AccessLog). */
    static final String ACCESS = "sluice.access";
    /** The pattern of {@code text} lines: what the CLI printed through slf4j-simple before. */
    static final String TEXT_PATTERN = "%level %logger - %msg%n";

    private static final String OPERATOR_FILE = "logback.configurationFile";

    /** For Logback's service loader. */
    public ProcessLogging() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(OPERATOR_FILE) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // Logback reads the operator's file
        }
        LogSettings settings;
        try {
            settings = LogSettings.command(System.getenv());
        } catch (UsageException e) {
            settings = LogSettings.command(Map.of()); // SluiceCli exits 2 naming the variable before a command runs
        }
        configure(context, settings);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Replaces the process's logging with {@code settings}, unless the operator gave Logback a file. */
    public static void apply(LogSettings settings) {
        if (System.getProperty(OPERATOR_FILE) == null
                && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            configure(context, settings);
        }
    }

    static void configure(LoggerContext context, LogSettings settings) {
        context.reset();
        // java.util.logging into SLF4J, its levels kept in step with these so that JUL filters cheaply
        LevelChangePropagator julLevels = new LevelChangePropagator();
        julLevels.setContext(context);
        julLevels.setResetJUL(true);
        julLevels.start();
        context.addListener(julLevels);
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(context, settings.format()));
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.librariesLevel());
        root.addAppender(stderr);
        context.getLogger(SLUICE).setLevel(settings.sluiceLevel());
        context.getLogger(ACCESS).setLevel(settings.accessLog() ? Level.INFO : Level.OFF);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogSettings.Format format) {
        if (format == LogSettings.Format.JSON) {
            JsonLineEncoder json = new JsonLineEncoder();
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.setCharset(StandardCharsets.UTF_8);
        text.start();
        return text;
    }
}
