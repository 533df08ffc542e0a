package dev.sluice.cli;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --config} option: sluice.yaml in the current folder unless told otherwise. */
final class ConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Pipeline configuration (default: sluice.yaml in the current folder, when it exists).")
    Path file;

    /** The configuration: the named file (which must exist), else ./sluice.yaml if present, else defaults. */
    SluiceConfig load() {
        return file != null ? ConfigLoader.load(file) : ConfigLoader.loadIfPresent(SluiceConfig.DEFAULT_FILE);
    }

    /** The effective configuration: {@code --index} over the file over the defaults. */
    EffectiveConfig effective(IndexOption index) {
        return effective(index, Flags.NONE);
    }

    /** The effective configuration: these flags and {@code --index} over the file over the defaults. */
    EffectiveConfig effective(IndexOption index, Flags flags) {
        return EffectiveConfig.resolve(
                load(), flags.with(EffectiveConfig.INDEX, index == null ? null : index.path, "--index"));
    }
}
