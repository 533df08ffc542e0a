package dev.sluice.config;

import dev.sluice.core.UsageException;
import java.nio.file.Path;

/**
 * A configuration file that cannot be used. The message starts with {@code file:line:} and names the
 * key, so an editor can jump to it: {@code sluice.yaml:7: chunking.maxTokens must be > 0, got -3}.
 */
public final class ConfigException extends UsageException {
    public ConfigException(Path file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }

    public ConfigException(Path file, int line, String message, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message, cause);
    }
}
