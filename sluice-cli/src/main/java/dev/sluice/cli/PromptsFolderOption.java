package dev.sluice.cli;

import dev.sluice.config.SluiceConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --prompts DIR} option. */
final class PromptsFolderOption {
    @Option(
            names = "--prompts",
            paramLabel = "DIR",
            description = "Prompt folder (default: prompts/ beside sluice.yaml, else ./prompts).")
    Path folder;

    Path resolve(SluiceConfig config) {
        return folder != null ? folder : config.promptsFolder();
    }
}
