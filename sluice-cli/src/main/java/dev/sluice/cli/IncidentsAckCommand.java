package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.UsageException;
import dev.sluice.incident.Incident;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ack",
        mixinStandardHelpOptions = true,
        description = "Acknowledge an open incident: someone is on it. It still resolves by itself when its"
                + " condition clears.")
final class IncidentsAckCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The incident's number (sluice incidents list).")
    long id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            Incident incident = kb.incidentStore()
                    .incident(id)
                    .orElseThrow(() -> new UsageException("no incident " + id + " (sluice incidents list --all)"));
            if (!incident.open()) {
                throw new UsageException("incident " + id + " is already resolved");
            }
            if (!kb.incidentStore()
                    .acknowledgeIncident(
                            id, "cli:" + System.getProperty("user.name", "?"), System.currentTimeMillis())) {
                out.println("incident " + id + " was already acknowledged by " + incident.acknowledgedBy());
            } else {
                out.println("incident " + id + " acknowledged: " + incident.summary());
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
