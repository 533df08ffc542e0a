package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentViews;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Open incidents, newest first (--all: resolved ones too).")
final class IncidentsListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--all", description = "Include resolved incidents.")
    boolean all;

    @Option(names = "-n", paramLabel = "N", defaultValue = "50", description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-n must be > 0, got " + limit);
        }
        List<Incident> incidents;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            incidents = kb.incidentStore().incidents(!all, limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(incidents.stream().map(IncidentViews::view).toList()));
        } else if (incidents.isEmpty()) {
            out.println(all ? "no incidents yet" : "no open incidents (sluice incidents list --all for resolved ones)");
        } else {
            IncidentsCommand.table(out, incidents);
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
