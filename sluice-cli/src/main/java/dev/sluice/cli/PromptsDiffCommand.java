package dev.sluice.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.sluice.answer.Prompt;
import dev.sluice.answer.PromptLibrary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Unified diff of two prompts, each a name or a file (e.g. the built-in answer prompt and"
                + " your edited copy).")
final class PromptsDiffCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    PromptsFolderOption folder;

    @Parameters(index = "0", paramLabel = "A", description = "A prompt name or file.")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "A prompt name or file.")
    String b;

    @Override
    public Integer call() {
        PromptLibrary library = PromptLibrary.load(folder.resolve(config.load()));
        Prompt left = PromptsCommand.resolve(a, library);
        Prompt right = PromptsCommand.resolve(b, library);
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
