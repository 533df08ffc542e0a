package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.SourceStatus;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.eval.EvalQueryResult;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.ingest.IngestReport;
import dev.sluice.source.Source;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sources and their freshness, sync triggers, ingest jobs, runs and evaluation runs. Document counts
 * only count what the caller may read; a run's details list only the documents the caller may read;
 * an evaluation's retrieved documents are shown only where the caller may read them.
 */
record OpsRoutes(KnowledgeBase kb, IngestJobs jobs) {

    /** {@code GET /v1/sources}: each source with its freshness and what the caller may read of it. */
    void sources(Context ctx) {
        Caller caller = Caller.requiring(ctx, "query");
        Http.json(ctx, 200, Map.of("sources", sourceViews(caller)));
    }

    /** {@code GET /v1/status}: the index, the last run and every source's freshness. */
    void status(Context ctx) {
        Caller caller = Caller.requiring(ctx, "query");
        List<Map<String, Object>> sources = sourceViews(caller);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", kb.searcher().index().settings().modelId());
        body.put("fresh", sources.stream().noneMatch(s -> Boolean.TRUE.equals(s.get("alert"))));
        List<RunRecord> last = kb.catalog().runs(1);
        body.put("lastRun", last.isEmpty() ? null : view(last.getFirst(), caller.has("ingest")));
        body.put("sources", sources);
        Http.json(ctx, 200, body);
    }

    private List<Map<String, Object>> sourceViews(Caller caller) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ReadableSources readable : ReadableSources.of(kb, caller, System.currentTimeMillis(), 0)) {
            SourceStatus s = readable.status();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("configured", s.configured());
            m.put("documents", readable.documents());
            m.put("chunks", readable.chunks());
            m.put("lastSyncOk", DocumentRoutes.instant(s.lastOkMillis()));
            m.put("lagSeconds", s.lag() == null ? null : s.lag().toSeconds());
            m.put(
                    "freshnessTargetSeconds",
                    s.freshness() == null ? null : s.freshness().toSeconds());
            m.put("freshnessBreached", s.breached());
            m.put("alert", s.alert());
            if (caller.has("ingest")) {
                m.put("lastError", s.lastError()); // may name paths: for the keys that run ingestion
            }
            out.add(m);
        }
        return out;
    }

    /** {@code POST /v1/sources/{name}/sync}: queues a sync of one source ({@code *}: all, pruning removed ones). */
    void sync(Context ctx) throws InterruptedException {
        Caller caller = Caller.requiring(ctx, "ingest");
        String name = OpsApi.SOURCE_NAME.get(ctx);
        List<Source> all = kb.configuredSources();
        List<Source> chosen = name.equals("*")
                ? all
                : all.stream().filter(s -> s.name().equals(name)).toList();
        if (chosen.isEmpty()) {
            throw new ApiError(
                    404,
                    "not_found",
                    all.isEmpty()
                            ? "no source is configured (sluice.yaml lists none and nothing was uploaded)"
                            : "no source '" + name + "'; configured: "
                                    + String.join(
                                            ", ", all.stream().map(Source::name).toList())
                                    + " (or * for all)");
        }
        boolean prune = name.equals("*") && kb.config().file().isPresent();
        IngestJobs.Job job = jobs.submit("sync", chosen, prune, caller.key().id());
        boolean wait = DocumentApi.WAIT.get(ctx);
        IngestJobs.Job now = wait ? jobs.await(job.id(), DocumentRoutes.WAIT_MILLIS) : job;
        Http.json(ctx, now.finished() ? 200 : 202, Map.of("job", view(now)));
    }

    /** {@code GET /v1/jobs}: the caller's recent jobs (an admin key sees every key's). */
    void jobs(Context ctx) {
        Caller caller = Caller.requiring(ctx, "ingest");
        int limit = OpsApi.JOBS_LIMIT.get(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (IngestJobs.Job job : jobs.recent(200)) {
            if (out.size() < limit && visible(caller, job)) {
                out.add(view(job));
            }
        }
        Http.json(ctx, 200, Map.of("jobs", out));
    }

    /** {@code GET /v1/jobs/{id}}. */
    void job(Context ctx) {
        Caller caller = Caller.requiring(ctx, "ingest");
        long id = id(OpsApi.JOB_ID.get(ctx), "job");
        IngestJobs.Job job = jobs.job(id);
        if (job == null || !visible(caller, job)) {
            throw new ApiError(404, "not_found", "no job " + id);
        }
        Http.json(ctx, 200, view(job));
    }

    private static boolean visible(Caller caller, IngestJobs.Job job) {
        return caller.has("admin") || job.keyId().equals(caller.key().id());
    }

    /** {@code GET /v1/runs}: recent ingestion runs, their counts (over every source) and status. */
    void runs(Context ctx) {
        Caller caller = Caller.requiring(ctx, "ingest");
        int limit = OpsApi.RUNS_LIMIT.get(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunRecord r : kb.catalog().runs(limit)) {
            out.add(view(r, caller.has("admin")));
        }
        Http.json(ctx, 200, Map.of("runs", out));
    }

    /** {@code GET /v1/runs/{id}}: one run and the documents it changed that the caller may read. */
    void run(Context ctx) {
        Caller caller = Caller.requiring(ctx, "ingest");
        long id = id(OpsApi.RUN_ID.get(ctx), "run");
        RunRecord run = kb.catalog().run(id);
        if (run == null) {
            throw new ApiError(404, "not_found", "no run " + id);
        }
        Map<String, Object> body = view(run, caller.has("admin"));
        List<Map<String, Object>> documents = new ArrayList<>();
        for (DocumentRecord d : kb.catalog().documentsOfRun(id)) {
            if (caller.mayRead(d.access())) {
                documents.add(DocumentRoutes.view(d));
            }
        }
        body.put("documents", documents);
        Http.json(ctx, 200, body);
    }

    /** {@code GET /v1/eval/runs}: evaluation runs with their mean metrics. */
    void evalRuns(Context ctx) {
        Caller.requiring(ctx, "admin");
        List<Map<String, Object>> out = new ArrayList<>();
        for (EvalRunRecord r : kb.evalRuns().evalRuns()) {
            out.add(view(r));
        }
        Http.json(ctx, 200, Map.of("runs", out));
    }

    /**
     * {@code GET /v1/eval/runs/{id}}: per-query results; each query's retrieved documents list only
     * those the caller may read.
     */
    void evalRun(Context ctx) {
        Caller caller = Caller.requiring(ctx, "admin");
        long id = id(OpsApi.EVAL_RUN_ID.get(ctx), "evaluation run");
        EvalRunRecord run = kb.evalRuns().evalRun(id);
        if (run == null) {
            throw new ApiError(404, "not_found", "no evaluation run " + id);
        }
        java.util.function.Predicate<String> readable = ReadableDocuments.byPathOrUri(kb.catalog(), caller);
        List<Map<String, Object>> results = new ArrayList<>();
        for (EvalQueryResult r : kb.evalRuns().evalResults(id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", r.mode());
            m.put("queryId", r.queryId());
            m.put("metrics", r.values());
            m.put("relevantRanks", r.relevantRanks());
            m.put("topDocuments", r.topDocuments().stream().filter(readable).toList());
            results.add(m);
        }
        Map<String, Object> body = view(run);
        body.put("results", results);
        Http.json(ctx, 200, body);
    }

    private static long id(String value, String what) {
        java.util.OptionalLong id = AsciiDigits.parse(value);
        if (id.isEmpty()) {
            throw ApiError.badRequest(
                    what + " ids are whole numbers written in digits 0-9, got '" + Http.printable(value) + "'");
        }
        return id.getAsLong();
    }

    static Map<String, Object> view(IngestJobs.Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("kind", job.kind());
        m.put("sources", job.sources());
        m.put("state", job.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("submitted", DocumentRoutes.instant(job.submittedMillis()));
        m.put("finished", DocumentRoutes.instant(job.finishedMillis()));
        IngestReport r = job.report();
        if (r != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("runId", r.runId());
            report.put("ingested", r.ingested());
            report.put("unchanged", r.unchanged());
            report.put("quarantined", r.quarantined().size());
            report.put("deleted", r.deleted());
            report.put("chunks", r.chunks());
            report.put("failedSources", r.failedSources().keySet());
            m.put("report", report);
        }
        m.put("error", job.error());
        return m;
    }

    static Map<String, Object> view(RunRecord r, boolean withError) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("trigger", r.trigger());
        m.put("status", r.status());
        m.put("started", DocumentRoutes.instant(r.startedMillis()));
        m.put("finished", DocumentRoutes.instant(r.finishedMillis()));
        m.put("counts", r.counts());
        if (withError) {
            m.put("error", r.error()); // may name files or folders: admin keys only
        }
        return m;
    }

    private static Map<String, Object> view(EvalRunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("set", r.setName());
        m.put("started", DocumentRoutes.instant(r.startedMillis()));
        m.put("finished", DocumentRoutes.instant(r.finishedMillis()));
        m.put("queries", r.queries());
        m.put("model", r.modelId());
        m.put("modes", r.modes());
        m.put("means", r.means());
        m.put("settings", r.settings());
        return m;
    }

    /** {@code GET /v1/traces}: recent traces the caller may read (its own; every one for an admin key). */
    void traces(Context ctx) {
        Caller caller = traceReader(ctx);
        int limit = OpsApi.TRACES_LIMIT.get(ctx);
        kb.flushTraces();
        List<Map<String, Object>> out = new ArrayList<>();
        for (dev.sluice.observe.TraceSummary t : kb.traces().recentTraces(caller.has("admin") ? limit : 1000)) {
            if (out.size() >= limit) {
                break;
            }
            if (!caller.mayReadTraceOf(t.keyId())) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("traceId", t.traceId());
            m.put("name", t.name());
            m.put("started", DocumentRoutes.instant(t.startEpochMillis()));
            m.put("durationMs", t.durationMillis());
            m.put("spans", t.spans());
            m.put("status", t.status());
            out.add(m);
        }
        Http.json(ctx, 200, Map.of("traces", out));
    }

    /** {@code GET /v1/traces/{id}}: one trace's spans, by start; 404 when unknown or not the caller's. */
    void trace(Context ctx) {
        Caller caller = traceReader(ctx);
        String id = OpsApi.TRACE_ID.get(ctx);
        List<dev.sluice.observe.SpanRecord> spans = id.matches("[0-9a-f]{32}") ? kb.trace(id) : List.of();
        String keyId = spans.stream()
                .filter(dev.sluice.observe.SpanRecord::root)
                .map(s -> String.valueOf(s.attributes().getOrDefault("sluice.key.id", "")))
                .findFirst()
                .orElse("");
        if (spans.isEmpty() || !caller.mayReadTraceOf(keyId)) {
            throw new ApiError(404, "not_found", "no trace " + id + " (or not one of yours)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("traceId", id);
        body.put("spans", spans);
        Http.json(ctx, 200, body);
    }

    /** A caller who may read traces: its own with the query scope, every one with admin. */
    private static Caller traceReader(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (!caller.has("query") && !caller.has("admin")) {
            throw new ApiError(403, "forbidden", "reading traces needs the 'query' scope (or 'admin' for every trace)");
        }
        return caller;
    }
}
