/**
 * Configuration: {@code sluice.yaml}, read once, validated, frozen.
 *
 * <p>{@link dev.sluice.config.ConfigLoader} reads the file into a {@link dev.sluice.config.SluiceConfig}
 * (index, embedding, chunking, extraction, sources). Every problem is a
 * {@link dev.sluice.config.ConfigException} whose message starts with {@code file:line:} and names the
 * key; unknown keys are refused with the closest known key. Paths are resolved against the file's
 * folder. {@link dev.sluice.config.StarterConfig} is what {@code sluice init} writes.
 *
 * <p>Precedence, applied by the faces: command-line flags, then the file, then the defaults of
 * {@link dev.sluice.config.SluiceConfig#defaults()}.
 *
 * <p>Trap: Jackson's tree keeps no line numbers, so the loader walks the YAML tokens once to map
 * each key path ({@code sources[1].path}) to its line; bind errors look the line up by key path.
 */
package dev.sluice.config;
