package dev.sluice.cli;

import dev.sluice.answer.Prompt;
import dev.sluice.answer.PromptLibrary;
import java.io.PrintWriter;
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
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List prompts with their versions.")
final class PromptsListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    PromptsFolderOption folder;

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
                out.printf(Locale.ROOT, "%-16s %-30s %-24s %s%n", p.name(), p.version(), p.origin(), p.description());
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
