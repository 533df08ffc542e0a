package dev.sluice.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.sluice.answer.Prompt;
import dev.sluice.answer.PromptLibrary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Option(
            names = "--json",
            description = "Print both prompts' name, version and origin and the diff's lines as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PromptLibrary library = PromptLibrary.load(folder.resolve(config.load()));
        Prompt left = PromptsCommand.resolve(a, library);
        Prompt right = PromptsCommand.resolve(b, library);
        PrintWriter out = spec.commandLine().getOut();
        boolean same = left.version().equals(right.version());
        List<String> lines = same ? List.of() : unified(left, right);
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("a", header(left));
            view.put("b", header(right));
            view.put("same", same);
            view.put("diff", lines);
            out.println(Json.write(view));
        } else if (same) {
            out.println("same version: " + left.version());
        } else {
            lines.forEach(out::println);
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    private static List<String> unified(Prompt left, Prompt right) {
        List<String> original = left.body().lines().toList();
        Patch<String> patch = DiffUtils.diff(original, right.body().lines().toList());
        return UnifiedDiffUtils.generateUnifiedDiff(
                left.version() + " (" + left.origin() + ")",
                right.version() + " (" + right.origin() + ")",
                original,
                patch,
                3);
    }

    /** A prompt's name, version and origin, in that order, for {@code --json}; callers may add keys. */
    static Map<String, Object> header(Prompt p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", p.name());
        view.put("version", p.version());
        view.put("origin", p.origin());
        return view;
    }
}
