package dev.sluice.backend;

import dev.sluice.core.SluiceException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What configures one backend: the configuration section it comes from ({@code index} or
 * {@code catalog}), the backend's name, the knowledge base's local folder, the section's settings as
 * written (such as {@code url}, {@code prefix}, {@code usernameEnv}) and the environment secrets are read
 * from. Secrets are never written in a file: a setting ending in {@code Env} names the variable holding
 * one.
 */
public record BackendOptions(
        String section, String backend, Path folder, Map<String, String> settings, Map<String, String> environment) {
    public BackendOptions {
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
        environment = Map.copyOf(environment);
    }

    /** The setting {@code key}, or {@code fallback} when it is not set. */
    public String get(String key, String fallback) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The setting {@code key}; a clear error naming {@code section.key} when it is missing. */
    public String require(String key) {
        String value = get(key, null);
        if (value == null) {
            throw new SluiceException(section + "." + key + " is required with " + section + ".backend: " + backend);
        }
        return value;
    }

    /**
     * The secret in the environment variable that setting {@code envKey} names (such as
     * {@code passwordEnv: SLUICE_PG_PASSWORD}); null when the setting is absent; a clear error when it
     * names a variable that is not set.
     */
    public String secret(String envKey) {
        String variable = get(envKey, null);
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        if (value == null) {
            throw new SluiceException(
                    section + "." + envKey + " names the environment variable " + variable + ", which is not set");
        }
        return value;
    }
}
