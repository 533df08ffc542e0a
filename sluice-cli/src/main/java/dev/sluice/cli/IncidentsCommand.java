package dev.sluice.cli;

import dev.sluice.incident.Incident;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sluice incidents}: what the detectors found (stale sources, eval regressions, errors, spend ...). */
@Command(
        name = "incidents",
        mixinStandardHelpOptions = true,
        description = "Incidents the detectors opened (stale or failing sources, quarantine surges, eval regressions,"
                + " API errors or latency, LLM spend, rising thumbs-down or not-found answers, similarity drift):"
                + " check now, list, show one, acknowledge.",
        subcommands = {
            IncidentsCheckCommand.class,
            IncidentsListCommand.class,
            IncidentsShowCommand.class,
            IncidentsAckCommand.class
        })
final class IncidentsCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check, list, show or ack");
    }

    /** One line per incident, newest first. */
    static void table(PrintWriter out, List<Incident> incidents) {
        out.printf(
                Locale.ROOT,
                "%5s  %-13s  %-8s  %-17s  %-20s  %s%n",
                "id",
                "state",
                "severity",
                "kind",
                "opened",
                "summary");
        for (Incident i : incidents) {
            out.printf(
                    Locale.ROOT,
                    "%5d  %-13s  %-8s  %-17s  %-20s  %s%n",
                    i.id(),
                    i.state(),
                    i.severity(),
                    i.kind().label(),
                    Instant.ofEpochMilli(i.openedMillis()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    i.summary());
        }
    }
}
