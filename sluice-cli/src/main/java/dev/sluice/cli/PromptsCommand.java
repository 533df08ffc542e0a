package dev.sluice.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.sluice.answer.Prompt;
import dev.sluice.answer.PromptLibrary;
import dev.sluice.config.SluiceConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice prompts}: the versioned prompts in use, and how two of them differ. */
@Command(
        name = "prompts",
        mixinStandardHelpOptions = true,
        description = "Versioned prompts: built-in ones, overridden by prompts/*.md beside sluice.yaml.",
        subcommands = {PromptsCommand.ListPrompts.class, PromptsCommand.Show.class, PromptsCommand.Diff.class})
final class PromptsCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or diff");
    }

    /** The shared {@code --prompts DIR} option. */
    static final class FolderOption {
        @Option(
                names = "--prompts",
                paramLabel = "DIR",
                description = "Prompt folder (default: prompts/ beside sluice.yaml, else ./prompts).")
        Path folder;

        Path resolve(SluiceConfig config) {
            return folder != null ? folder : folderOf(config);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List prompts with their versions.")
    static final class ListPrompts implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        FolderOption folder;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PromptLibrary library = PromptLibrary.load(folder.resolve(config.load()));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Prompt p : library.all().values()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", p.name());
                    row.put("version", p.version());
                    row.put("origin", p.origin());
                    row.put("description", p.description());
                    rows.add(row);
                }
                out.println(Json.write(rows));
            } else {
                out.printf(Locale.ROOT, "%-16s %-30s %-24s %s%n", "name", "version", "origin", "description");
                for (Prompt p : new java.util.TreeMap<>(library.all()).values()) {
                    out.printf(
                            Locale.ROOT, "%-16s %-30s %-24s %s%n", p.name(), p.version(), p.origin(), p.description());
                }
            }
            out.flush();
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a prompt with its version.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        FolderOption folder;

        @Parameters(paramLabel = "NAME|FILE", description = "A prompt name or a prompt file.")
        String which;

        @Override
        public Integer call() {
            Prompt p = resolve(which, PromptLibrary.load(folder.resolve(config.load())));
            PrintWriter out = spec.commandLine().getOut();
            out.println("# " + p.version() + " (" + p.origin() + ")");
            out.print(p.body());
            out.flush();
            return SluiceCli.EXIT_OK;
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "Unified diff of two prompts, each a name or a file (e.g. the built-in answer prompt and"
                    + " your edited copy).")
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Mixin
        FolderOption folder;

        @Parameters(index = "0", paramLabel = "A", description = "A prompt name or file.")
        String a;

        @Parameters(index = "1", paramLabel = "B", description = "A prompt name or file.")
        String b;

        @Override
        public Integer call() {
            PromptLibrary library = PromptLibrary.load(folder.resolve(config.load()));
            Prompt left = resolve(a, library);
            Prompt right = resolve(b, library);
            PrintWriter out = spec.commandLine().getOut();
            if (left.version().equals(right.version())) {
                out.println("same version: " + left.version());
                out.flush();
                return SluiceCli.EXIT_OK;
            }
            List<String> original = left.body().lines().toList();
            Patch<String> patch = DiffUtils.diff(original, right.body().lines().toList());
            for (String line : UnifiedDiffUtils.generateUnifiedDiff(
                    left.version() + " (" + left.origin() + ")",
                    right.version() + " (" + right.origin() + ")",
                    original,
                    patch,
                    3)) {
                out.println(line);
            }
            out.flush();
            return SluiceCli.EXIT_OK;
        }
    }

    /** The project's prompt folder: prompts/ beside sluice.yaml, else ./prompts. */
    static Path folderOf(SluiceConfig config) {
        return config.promptsFolder();
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
