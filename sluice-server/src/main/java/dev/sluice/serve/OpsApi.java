package dev.sluice.serve;

import java.util.Map;

/**
 * What {@link OpsRoutes} and the service's own routes take and answer: sources, sync, status, jobs,
 * runs, evaluation runs, traces; health, readiness, metrics and this document.
 */
final class OpsApi {
    private OpsApi() {}

    private static final Map<String, Object> NUMBER_ID = Map.of("type", "integer", "minimum", 0);

    static final ApiParam<String> SOURCE_NAME = ApiParam.path(
                    "name", Map.of("type", "string"), "a configured source's name, or * for all")
            .example("*");
    static final ApiParam<String> JOB_ID = ApiParam.path("id", NUMBER_ID, "the job's id");
    static final ApiParam<String> RUN_ID = ApiParam.path("id", NUMBER_ID, "the run's id");
    static final ApiParam<String> EVAL_RUN_ID = ApiParam.path("id", NUMBER_ID, "the evaluation run's id");
    static final ApiParam<String> TRACE_ID =
            ApiParam.path("id", Map.of("type", "string", "pattern", "^[0-9a-f]{32}$"), "the trace id (32 hex digits)");
    static final ApiParam<Integer> JOBS_LIMIT = ApiParam.integer("limit", 50, 1, 200, "at most this many");
    static final ApiParam<Integer> RUNS_LIMIT = ApiParam.integer("limit", 20, 1, 500, "at most this many");
    static final ApiParam<Integer> TRACES_LIMIT = ApiParam.integer("limit", 50, 1, 1000, "at most this many");

    private static final String BAD_PARAM = "a value is of the wrong type or out of bounds";

    static final ApiOperation HEALTHZ = ApiOperation.of("health", "Liveness").json(200, "the process serves", "Health");
    static final ApiOperation READYZ = ApiOperation.of("ready", "Readiness: index and catalog open")
            .json(200, "ready, with the embedding model", "Ready");
    static final ApiOperation METRICS = ApiOperation.of("metrics", "Prometheus metrics")
            .describe("Prometheus text format 0.0.4. Addresses given to --metrics-from read it without a key.")
            .reply(200, "the metrics", "text/plain", Map.of("type", "string"));
    static final ApiOperation OPENAPI = ApiOperation.of("openApi", "This document")
            .reply(200, "the OpenAPI 3.1 document", "application/json", Map.of("type", "object"));

    static final ApiOperation SOURCES = ApiOperation.of("listSources", "Sources with their freshness")
            .describe("Documents and chunks count only what the caller may read; lastError for ingest keys.")
            .json(200, "every source", "SourceList");
    static final ApiOperation SYNC = ApiOperation.of("syncSource", "Sync one source, or all with *")
            .describe("* also prunes sources no longer configured.")
            .params(SOURCE_NAME, DocumentApi.WAIT)
            .json(200, "the job finished (wait=true)", "JobAccepted")
            .json(202, "the job is queued or running", "JobAccepted")
            .error(400, BAD_PARAM)
            .error(404, "no such source")
            .error(503, "too many ingest jobs waiting (Retry-After), or the service is stopping");
    static final ApiOperation STATUS = ApiOperation.of("status", "Freshness of the knowledge base")
            .json(200, "the model, the last run, every source; fresh when no source alerts", "Status");
    static final ApiOperation JOBS = ApiOperation.of("listJobs", "Recent ingest jobs")
            .describe("The caller's own; admin keys see every key's.")
            .params(JOBS_LIMIT)
            .json(200, "newest first", "JobList")
            .error(400, BAD_PARAM);
    static final ApiOperation JOB = ApiOperation.of("getJob", "One ingest job")
            .params(JOB_ID)
            .json(200, "the job", "Job")
            .error(400, "the id is not a whole number")
            .error(404, "no such job, or another key's");
    static final ApiOperation RUNS = ApiOperation.of("listRuns", "Recent ingestion runs")
            .params(RUNS_LIMIT)
            .json(200, "newest first; error for admin keys", "RunList")
            .error(400, BAD_PARAM);
    static final ApiOperation RUN = ApiOperation.of("getRun", "One run and the documents it changed")
            .params(RUN_ID)
            .json(200, "the run and the documents it changed that the caller may read", "RunDetail")
            .error(400, "the id is not a whole number")
            .error(404, "no such run");
    static final ApiOperation EVAL_RUNS = ApiOperation.of("listEvalRuns", "Evaluation runs and their means")
            .json(200, "every evaluation run", "EvalRunList");
    static final ApiOperation EVAL_RUN = ApiOperation.of("getEvalRun", "One evaluation run, query by query")
            .params(EVAL_RUN_ID)
            .json(200, "the run and each query's results; documents only those the caller may read", "EvalRunDetail")
            .error(400, "the id is not a whole number")
            .error(404, "no such evaluation run");
    static final ApiOperation TRACES = ApiOperation.of("listTraces", "Recent traces")
            .describe("The caller's own requests (query scope); every one for an admin key.")
            .params(TRACES_LIMIT)
            .json(200, "newest first", "TraceList")
            .error(400, BAD_PARAM);
    static final ApiOperation TRACE = ApiOperation.of("getTrace", "One trace's spans")
            .params(TRACE_ID)
            .json(200, "the spans, by start", "Trace")
            .error(404, "no such trace, or not the caller's");
}
