/**
 * Configuration: {@code sluice.yaml} read once and validated, then merged with the flags into one
 * frozen {@link dev.sluice.config.EffectiveConfig}.
 *
 * <p>{@link dev.sluice.config.ConfigLoader} reads the file into a {@link dev.sluice.config.SluiceConfig}
 * (one reader per section: {@code SourcesSection}, {@code LlmSection}, {@code EmbeddingSection} for
 * {@code embedding.model} as a mapping (a model from files, opened and checked while reading; or an
 * endpoint), sharing {@code ConfigReader}'s
 * typed values). Every problem is a {@link dev.sluice.config.ConfigException} (a usage error, exit 2)
 * whose message starts with {@code file:line:} and names the key as the user writes it; unknown keys
 * are refused with the closest known key. Paths are resolved against the file's folder. Before any
 * section is read, {@code EnvInterpolation} replaces {@code ${VAR}} / {@code ${VAR:-default}} in string
 * values through a lookup function ({@code System::getenv} outside tests); keys ending in {@code Env}
 * name secrets' variables and are neither interpolated nor interpolatable elsewhere.
 *
 * <p>{@link dev.sluice.config.EffectiveConfig#resolve} is the one place where flags
 * ({@link dev.sluice.config.Flags}, each with the flag that gave it) go over the file and the file over
 * the defaults, and where defaults that depend on other values are resolved ("the model's limit",
 * "one thread per core"); a bad flag value names the flag. {@link dev.sluice.config.Origin} says where
 * each value came from, and {@link dev.sluice.config.EffectiveSettings} lists them for
 * {@code sluice config show --effective}. {@link dev.sluice.config.StarterConfig} is what
 * {@code sluice init} writes.
 *
 * <p>Trap: Jackson's tree keeps no line numbers, so the loader walks the YAML tokens once to map
 * each key path ({@code sources[1].path}) to its line; bind errors look the line up by key path.
 * {@code DocumentedKeysTest} gives every key of the README's example a bad value and checks the message
 * names it.
 *
 * <h2>The JSON Schema</h2>
 *
 * <p>{@code docs/sluice.schema.json} (draft 2020-12; {@code sluice config schema} prints the copy in the CLI
 * jar) describes every key a section reader accepts, for editors. It cannot drift: {@code
 * ConfigSchemaKeysTest} finds every static key set of this package by reflection (so a key added to
 * {@code TOP} or a new section's set fails it) and compares it with the properties of its schema object,
 * and the enums with the values the loader accepts; {@code ConfigSchemaExamplesTest} validates the README's
 * and docs' examples, the starter file and every test YAML the loader accepts with a real validator. A
 * new key: add it to the reader's set, then to the schema with type, default and description.
 *
 * <p>{@code index} is a folder, or {@code {path, language}} ({@code IndexSection}): the language BM25
 * analyzes text in, part of the index's identity ({@link dev.sluice.index.IndexLanguage}).
 */
package dev.sluice.config;
