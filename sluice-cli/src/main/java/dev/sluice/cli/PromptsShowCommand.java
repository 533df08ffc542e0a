package dev.sluice.cli;

import dev.sluice.answer.Prompt;
import dev.sluice.answer.PromptLibrary;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Print a prompt with its version.")
final class PromptsShowCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    PromptsFolderOption folder;

    @Parameters(paramLabel = "NAME|FILE", description = "A prompt name or a prompt file.")
    String which;

    @Option(names = "--json", description = "Print name, version, origin, description and body as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Prompt p = PromptsCommand.resolve(which, PromptLibrary.load(folder.resolve(config.load())));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> view = PromptsDiffCommand.header(p);
            view.put("description", p.description());
            view.put("body", p.body());
            out.println(Json.write(view));
        } else {
            out.println("# " + p.version() + " (" + p.origin() + ")");
            out.print(p.body());
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
