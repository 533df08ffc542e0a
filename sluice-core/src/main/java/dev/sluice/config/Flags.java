package dev.sluice.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings given on the command line (or in a request), each under its sluice.yaml key and with the
 * flag that gave it, so that {@link EffectiveConfig#resolve} can put them over the file and name the
 * flag in any message. Immutable; {@link #with} returns a new value and ignores a null value (a
 * flag not given).
 *
 * <pre>{@code
 * Flags flags = Flags.NONE.with(EffectiveConfig.MAX_TOKENS, maxTokens, "--max-tokens")
 *                          .with(EffectiveConfig.THREADS, threads, "--threads");
 * }</pre>
 */
public final class Flags {
    /** A value and the flag that gave it. */
    public record Given(Object value, String flag) {}

    public static final Flags NONE = new Flags(Map.of());

    private final Map<String, Given> values;

    private Flags(Map<String, Given> values) {
        this.values = values;
    }

    /** These flags and {@code key} from {@code flag}; unchanged when {@code value} is null. */
    public Flags with(String key, Object value, String flag) {
        if (value == null) {
            return this;
        }
        if (!EffectiveConfig.FLAG_KEYS.contains(key)) {
            throw new IllegalArgumentException(
                    key + " cannot be set by a flag; flag keys: " + EffectiveConfig.FLAG_KEYS);
        }
        Map<String, Given> next = new LinkedHashMap<>(values);
        next.put(key, new Given(value, flag));
        return new Flags(Map.copyOf(next));
    }

    Given get(String key) {
        return values.get(key);
    }
}
