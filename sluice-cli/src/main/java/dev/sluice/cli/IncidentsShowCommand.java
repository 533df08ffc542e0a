package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.UsageException;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentViews;
import dev.sluice.incident.Notification;
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
        name = "show",
        mixinStandardHelpOptions = true,
        description = "One incident with its evidence and its webhook deliveries.")
final class IncidentsShowCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "ID", description = "The incident's number (sluice incidents list).")
    long id;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Incident incident;
        List<Notification> deliveries;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            incident = kb.incidentStore()
                    .incident(id)
                    .orElseThrow(() -> new UsageException("no incident " + id + " (sluice incidents list --all)"));
            deliveries = kb.incidentStore().notifications(id);
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> view = new LinkedHashMap<>(IncidentViews.view(incident));
        view.put(
                "notifications",
                deliveries.stream().map(IncidentsShowCommand::delivery).toList());
        if (json) {
            out.println(Json.write(view));
        } else {
            out.println("incident " + incident.id() + ": " + incident.summary());
            for (String field : List.of("kind", "subject", "severity", "state", "openedAt", "updatedAt")) {
                out.printf("  %-15s %s%n", field, view.get(field));
            }
            if (incident.acknowledged()) {
                out.printf("  %-15s %s by %s%n", "acknowledged", view.get("acknowledgedAt"), incident.acknowledgedBy());
            }
            if (!incident.open()) {
                out.printf("  %-15s %s%n", "resolvedAt", view.get("resolvedAt"));
            }
            out.println("evidence:");
            out.println(indent(Json.write(incident.evidence())));
            if (!deliveries.isEmpty()) {
                out.println("webhooks:");
                for (Notification n : deliveries) {
                    out.printf(
                            "  %-9s %s: %s%n",
                            n.event(),
                            n.target(),
                            n.deliveredMillis() > 0
                                    ? "delivered"
                                    : n.attempts() + " failed attempts"
                                            + (n.lastError() == null ? "" : ", last: " + n.lastError()));
                }
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    private static Map<String, Object> delivery(Notification n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", n.event());
        out.put("target", n.target());
        out.put("delivered", n.deliveredMillis() > 0);
        out.put("attempts", n.attempts());
        out.put("lastError", n.lastError());
        return out;
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
