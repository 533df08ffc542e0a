package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.SourceStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Per source: documents and chunks indexed, quarantined and stale documents, last successful sync"
                    + " and its age against the freshness target of sluice.yaml.",
            "Exit code 3 when a target is breached or a source failed its last listing, so cron or Airflow can"
                    + " alert on it."
        })
final class StatusCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<SourceStatus> sources;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            sources = kb.status(System.currentTimeMillis());
        }
        boolean alert = sources.stream().anyMatch(SourceStatus::alert);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SourceStatus s : sources) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("source", s.name());
                row.put("documents", s.documents());
                row.put("chunks", s.chunks());
                row.put("quarantined", s.quarantined());
                row.put("quarantinedByReason", s.quarantinedByReason());
                row.put("stale", s.stale());
                row.put("staleByReason", s.staleByReason());
                row.put(
                        "lastSuccessfulSync",
                        s.lastOkMillis() == 0
                                ? null
                                : Instant.ofEpochMilli(s.lastOkMillis()).toString());
                row.put("lagSeconds", s.lag() == null ? null : s.lag().toSeconds());
                row.put(
                        "freshnessSeconds",
                        s.freshness() == null ? null : s.freshness().toSeconds());
                row.put("breached", s.breached());
                row.put("lastError", s.lastError());
                row.put("configured", s.configured());
                rows.add(row);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sources", rows);
            json.put("alert", alert);
            out.println(Json.write(json));
        } else {
            out.printf(
                    Locale.ROOT,
                    "%-20s %9s %7s %11s %6s %-17s %8s %7s %s%n",
                    "source",
                    "documents",
                    "chunks",
                    "quarantined",
                    "stale",
                    "last sync",
                    "lag",
                    "target",
                    "status");
            for (SourceStatus s : sources) {
                String status = !s.configured()
                        ? "not in config"
                        : s.lastError() != null ? "FAILED" : s.breached() ? "STALE" : s.stale() > 0 ? "rebuild" : "ok";
                out.printf(
                        Locale.ROOT,
                        "%-20s %9d %7d %11d %6d %-17s %8s %7s %s%n",
                        s.name(),
                        s.documents(),
                        s.chunks(),
                        s.quarantined(),
                        s.stale(),
                        s.lastOkMillis() == 0 ? "never" : TIME.format(Instant.ofEpochMilli(s.lastOkMillis())),
                        s.lag() == null ? "-" : Durations.format(s.lag().toMillis()),
                        s.freshness() == null ? "-" : dev.sluice.config.EffectiveSettings.human(s.freshness()),
                        status);
                if (s.lastError() != null) {
                    out.println("    last listing failed: " + s.lastError());
                }
                s.staleByReason()
                        .forEach((why, n) -> out.println("    " + n + " document(s) stale, " + why
                                + "; the next ingest rebuilds them"
                                + (why.startsWith("embedded")
                                        ? " in a new index generation (searches use the old one until it is complete)"
                                        : "")));
                if (s.breached()) {
                    out.println("    last successful sync is older than the freshness target of "
                            + dev.sluice.config.EffectiveSettings.human(s.freshness()));
                }
            }
            if (sources.isEmpty()) {
                out.println("no sources yet; ingest some with: sluice ingest");
            }
        }
        out.flush();
        return alert ? SluiceCli.EXIT_CHECK_FAILED : SluiceCli.EXIT_OK;
    }
}
