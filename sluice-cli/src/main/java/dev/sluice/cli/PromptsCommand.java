package dev.sluice.cli;

import dev.sluice.answer.Prompt;
import dev.sluice.answer.PromptLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice prompts}: the versioned prompts in use, and how two of them differ. */
@Command(
        name = "prompts",
        mixinStandardHelpOptions = true,
        description = "Versioned prompts: built-in ones, overridden by prompts/*.md beside sluice.yaml.",
        subcommands = {PromptsListCommand.class, PromptsShowCommand.class, PromptsDiffCommand.class})
final class PromptsCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or diff");
    }

    /** A name from the library, or a file when {@code which} names an existing one. */
    static Prompt resolve(String which, PromptLibrary library) {
        Path file = Path.of(which);
        if (which.endsWith(".md") && Files.isRegularFile(file)) {
            return PromptLibrary.read(file);
        }
        return library.get(which);
    }
}
