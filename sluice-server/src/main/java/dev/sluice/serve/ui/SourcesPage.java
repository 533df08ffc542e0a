package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.SourceStatus;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.serve.ReadableSources;
import dev.sluice.serve.ui.Html.Safe;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sources: freshness against each target, the documents the viewer may read, quarantine reasons with
 * example documents (only ones the viewer may read), and the latest ingestion runs. As the API: the
 * {@code query} scope reads sources, {@code ingest} reads runs and the last sync error, {@code admin}
 * reads a run's error.
 */
final class SourcesPage {
    /** Example documents shown per quarantine reason. */
    static final int EXAMPLES = 3;

    static final int RUNS = 20;

    private final KnowledgeBase kb;

    SourcesPage(KnowledgeBase kb) {
        this.kb = kb;
    }

    String render(Context ctx, Viewer viewer) {
        List<Safe> body = new ArrayList<>();
        if (!viewer.has("query")) {
            body.add(Layout.needsScope("sources", "query"));
        } else {
            List<ReadableSources> sources =
                    ReadableSources.of(kb, viewer.caller(), System.currentTimeMillis(), EXAMPLES);
            body.add(Html.of("<section><h2>Freshness</h2>{}</section>", freshness(sources, viewer.has("ingest"))));
            body.add(Html.of("<section><h2>Quarantine</h2>{}</section>", quarantine(sources)));
        }
        body.add(Html.of(
                "<section><h2>Runs</h2>{}</section>",
                viewer.has("ingest") ? runs(viewer.admin()) : Layout.needsScope("runs", "ingest")));
        return Layout.page(viewer, "Sources", "sources", Html.join(body));
    }

    /** Each source's freshness and readable documents; the last sync error for keys that run ingestion. */
    static Safe freshness(List<ReadableSources> sources, boolean withErrors) {
        List<List<Object>> rows = new ArrayList<>();
        for (ReadableSources r : sources) {
            SourceStatus s = r.status();
            List<Object> row = new ArrayList<>(List.of(
                    s.name(),
                    state(s),
                    s.freshness() == null
                            ? "none"
                            : Formats.seconds(s.freshness().toSeconds()),
                    Html.time(s.lastOkMillis()),
                    s.lag() == null ? "never synced" : Formats.seconds(s.lag().toSeconds()),
                    r.documents(),
                    r.chunks(),
                    r.quarantinedByReason().values().stream()
                            .mapToInt(Integer::intValue)
                            .sum()));
            if (withErrors) {
                row.add(s.lastError() == null ? "" : s.lastError());
            }
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(
                List.of("Source", "State", "Target", "Last good sync", "Lag", "Documents", "Chunks", "Quarantined"));
        if (withErrors) {
            headers.add("Last error");
        }
        return Html.table("No sources yet: describe them in sluice.yaml and sync.", headers, rows);
    }

    private static Safe state(SourceStatus s) {
        if (s.lastError() != null) {
            return Html.of("<span class=\"badge bad\">failing</span>");
        }
        if (s.breached()) {
            return Html.of("<span class=\"badge bad\">stale</span>");
        }
        if (!s.configured()) {
            return Html.of("<span class=\"badge\">not configured</span>");
        }
        return Html.of("<span class=\"badge good\">fresh</span>");
    }

    private static Safe quarantine(List<ReadableSources> sources) {
        List<List<Object>> rows = new ArrayList<>();
        for (ReadableSources r : sources) {
            for (Map.Entry<String, Integer> e : r.quarantinedByReason().entrySet()) {
                List<Safe> examples = new ArrayList<>();
                for (DocumentRecord d : r.quarantineExamples().getOrDefault(e.getKey(), List.of())) {
                    examples.add(Html.of(
                            "<li><span class=\"doc\">{}</span> <span class=\"muted\">{}</span></li>",
                            d.path(),
                            d.message() == null ? "" : d.message()));
                }
                rows.add(List.of(
                        r.status().name(),
                        e.getKey(),
                        e.getValue(),
                        Html.of("<ul class=\"plain\">{}</ul>", Html.join(examples))));
            }
        }
        return Html.table(
                "Nothing quarantined among the documents this key may read.",
                List.of("Source", "Reason", "Documents", "Examples"),
                rows);
    }

    private static String badge(String runStatus) {
        return switch (runStatus) {
            case "ok" -> "good";
            case "failed", "interrupted" -> "bad";
            default -> "";
        };
    }

    /** An interrupted run's end is when a later run found it, not how long it took. */
    private static String took(RunRecord r) {
        if (RunRecord.INTERRUPTED.equals(r.status())) {
            return "-";
        }
        return r.finishedMillis() > 0 ? Formats.millis(r.finishedMillis() - r.startedMillis()) : "running";
    }

    private Safe runs(boolean withError) {
        List<List<Object>> rows = new ArrayList<>();
        for (RunRecord r : kb.runs(RUNS)) {
            List<Object> row = new ArrayList<>(List.of(
                    r.id(),
                    r.trigger(),
                    Html.of("<span class=\"badge {}\">{}</span>", badge(r.status()), r.status()),
                    Html.time(r.startedMillis()),
                    took(r),
                    r.counts().seen(),
                    r.counts().ingested(),
                    r.counts().unchanged(),
                    r.counts().quarantined(),
                    r.counts().deleted()));
            if (withError) {
                row.add(r.error() == null ? "" : r.error());
            }
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(List.of(
                "Run",
                "Trigger",
                "Status",
                "Started",
                "Took",
                "Seen",
                "Ingested",
                "Unchanged",
                "Quarantined",
                "Deleted"));
        if (withError) {
            headers.add("Error");
        }
        return Html.table("No ingestion runs yet.", headers, rows);
    }
}
