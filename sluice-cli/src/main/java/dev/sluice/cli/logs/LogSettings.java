package dev.sluice.cli.logs;

import ch.qos.logback.classic.Level;
import dev.sluice.core.UsageException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the process logs.
 *
 * @param format {@code text} or {@code json} lines on standard error
 * @param sluiceLevel the level of Sluice's own loggers ({@code dev.sluice})
 * @param librariesLevel the level of every other logger (Jetty, Javalin, Tika, PDFBox, Lucene,
 *     OpenTelemetry)
 * @param accessLog whether the access log ({@code sluice.access}, one line per HTTP request) writes
 */
public record LogSettings(Format format, Level sluiceLevel, Level librariesLevel, boolean accessLog) {
    public static final String FORMAT_VARIABLE = "SLUICE_LOG_FORMAT";
    public static final String LEVEL_VARIABLE = "SLUICE_LOG_LEVEL";

    /** The levels a user may name, most severe first. */
    private static final List<Level> LEVELS = List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE);

    /** The shape of a log line. */
    public enum Format {
        /** {@code LEVEL logger - message}, as a person reads it. */
        TEXT,
        /** One JSON object a line ({@link JsonLineEncoder}), as a log collector reads it. */
        JSON
    }

    public LogSettings {
        if (format == null || sluiceLevel == null || librariesLevel == null) {
            throw new IllegalArgumentException("log settings need a format and two levels");
        }
    }

    /**
     * An interactive command's logging: {@code SLUICE_LOG_FORMAT} (default text), {@code
     * SLUICE_LOG_LEVEL} for Sluice's own loggers (default info), errors only from libraries, no access
     * log.
     *
     * @throws UsageException when a variable holds a value that is not a format or a level
     */
    public static LogSettings command(Map<String, String> environment) {
        return new LogSettings(
                variable(environment, FORMAT_VARIABLE) == null
                        ? Format.TEXT
                        : format(variable(environment, FORMAT_VARIABLE), FORMAT_VARIABLE),
                variable(environment, LEVEL_VARIABLE) == null
                        ? Level.INFO
                        : level(variable(environment, LEVEL_VARIABLE), LEVEL_VARIABLE),
                Level.ERROR,
                false);
    }

    /**
     * {@code sluice serve}'s logging: each flag when given, else its variable, else json and info; a
     * service's operator also wants the libraries' warnings.
     *
     * @param formatFlag {@code --log-format}, or null
     * @param levelFlag {@code --log-level}, or null
     * @throws UsageException naming the flag or variable whose value is not a format or a level
     */
    public static LogSettings service(
            String formatFlag, String levelFlag, boolean accessLog, Map<String, String> environment) {
        LogSettings command = command(environment);
        Format format = formatFlag != null
                ? format(formatFlag, "--log-format")
                : variable(environment, FORMAT_VARIABLE) != null ? command.format() : Format.JSON;
        Level level = levelFlag != null ? level(levelFlag, "--log-level") : command.sluiceLevel();
        return new LogSettings(format, level, Level.WARN, accessLog);
    }

    /** A variable's value, or null when it is unset or blank. */
    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    static Format format(String value, String name) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> Format.TEXT;
            case "json" -> Format.JSON;
            default -> throw new UsageException(name + " must be text or json, got '" + value + "'");
        };
    }

    static Level level(String value, String name) {
        for (Level level : LEVELS) {
            if (level.levelStr.equalsIgnoreCase(value.strip())) {
                return level;
            }
        }
        throw new UsageException(name + " must be one of error, warn, info, debug, trace, got '" + value + "'");
    }
}
