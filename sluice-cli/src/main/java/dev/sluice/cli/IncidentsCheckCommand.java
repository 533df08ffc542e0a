package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.incident.Incident;
import dev.sluice.incident.IncidentMonitor;
import dev.sluice.incident.IncidentViews;
import dev.sluice.incident.WebhookSender;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Run every detector now: open incidents for new conditions, resolve those that cleared, send the"
                    + " webhooks that are due. Exit code 3 while any incident is open (for cron), 0 otherwise.",
            "sluice serve runs the same check every incidents.interval (default 1m)."
        })
final class IncidentsCheckCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        IncidentMonitor.Check check;
        WebhookSender.Report delivered;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            check = kb.incidents().check();
            delivered = kb.incidents().deliver();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("opened", check.opened().stream().map(Incident::id).toList());
            view.put("resolved", check.resolved().stream().map(Incident::id).toList());
            view.put("open", check.open().stream().map(IncidentViews::view).toList());
            view.put("detectorFailures", check.failures());
            view.put("webhooksDelivered", delivered.delivered());
            view.put("webhooksFailed", delivered.failed());
            out.println(Json.write(view));
        } else {
            check.opened().forEach(i -> out.println("opened   " + i.id() + ": " + i.summary()));
            check.resolved().forEach(i -> out.println("resolved " + i.id() + ": " + i.summary()));
            check.failures().forEach((kind, why) -> out.println("detector " + kind + " could not run: " + why));
            if (check.open().isEmpty()) {
                out.println("no open incidents");
            } else {
                out.println(check.open().size() + " open:");
                IncidentsCommand.table(out, check.open());
            }
            if (delivered.delivered() + delivered.failed() > 0) {
                out.println("webhooks: " + delivered.delivered() + " delivered, " + delivered.failed()
                        + " failed (retried later; sluice incidents show ID)");
            }
        }
        out.flush();
        return check.open().isEmpty() ? SluiceCli.EXIT_OK : SluiceCli.EXIT_CHECK_FAILED;
    }
}
