package dev.sluice.serve;

import static dev.sluice.serve.ApiSchemas.array;
import static dev.sluice.serve.ApiSchemas.bool;
import static dev.sluice.serve.ApiSchemas.freeObject;
import static dev.sluice.serve.ApiSchemas.instant;
import static dev.sluice.serve.ApiSchemas.integer;
import static dev.sluice.serve.ApiSchemas.mapOf;
import static dev.sluice.serve.ApiSchemas.nullable;
import static dev.sluice.serve.ApiSchemas.number;
import static dev.sluice.serve.ApiSchemas.object;
import static dev.sluice.serve.ApiSchemas.oneOf;
import static dev.sluice.serve.ApiSchemas.ref;
import static dev.sluice.serve.ApiSchemas.string;

import dev.sluice.incident.Incident;
import dev.sluice.review.Resolution;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the operations routes (jobs, runs, sources, evaluation runs, traces) and of what
 * watches the knowledge base (quality, incidents, review), as {@link ApiShapes} describes the rest.
 */
final class ApiOpsShapes {
    private ApiOpsShapes() {}

    static void operations(Map<String, Map<String, Object>> s) {
        s.put(
                "Job",
                object(
                        "An ingest job (upload, delete or sync)",
                        "id",
                        integer(),
                        "kind",
                        oneOf(List.of("upload", "delete", "sync")),
                        "sources",
                        array(string()),
                        "state",
                        oneOf(ApiShapes.lowerCase(IngestJobs.State.values())),
                        "submitted",
                        nullable(instant()),
                        "finished",
                        nullable(instant()),
                        "report?",
                        object(
                                null,
                                "runId",
                                integer(),
                                "ingested",
                                integer(),
                                "unchanged",
                                integer(),
                                "quarantined",
                                integer(),
                                "deleted",
                                integer(),
                                "chunks",
                                integer(),
                                "failedSources",
                                array(string())),
                        "error",
                        nullable(string())));
        s.put("JobAccepted", object(null, "job", ref("Job")));
        s.put("JobList", object(null, "jobs", array(ref("Job"))));
        Map<String, Object> counts = object(
                null,
                "seen",
                integer(),
                "ingested",
                integer(),
                "unchanged",
                integer(),
                "quarantined",
                integer(),
                "deleted",
                integer(),
                "chunks",
                integer(),
                "embeddingsComputed",
                integer(),
                "embeddingsReused",
                integer());
        Map<String, Object> run = object(
                "An ingestion run",
                "id",
                integer(),
                "trigger",
                string(),
                "status",
                string("running, ok, partial, failed, interrupted"),
                "started",
                nullable(instant()),
                "finished",
                nullable(instant()),
                "counts",
                counts,
                "error?",
                nullable(string("admin keys only: may name files")));
        s.put("Run", run);
        s.put("RunList", object(null, "runs", array(ref("Run"))));
        s.put(
                "RunDetail",
                object(
                        "A run and the documents it changed that the caller may read",
                        List.of(run),
                        "documents",
                        array(ref("Document"))));
        Map<String, Object> source = object(
                "A source, its freshness and what the caller may read of it",
                "name",
                string(),
                "configured",
                bool(),
                "documents",
                integer(),
                "chunks",
                integer(),
                "lastSyncOk",
                nullable(instant()),
                "lagSeconds",
                nullable(integer()),
                "freshnessTargetSeconds",
                nullable(integer()),
                "freshnessBreached",
                bool(),
                "alert",
                bool(),
                "lastError?",
                nullable(string("keys with the ingest scope only")));
        s.put("Source", source);
        s.put("SourceList", object(null, "sources", array(ref("Source"))));
        s.put(
                "Status",
                object(
                        null,
                        "model",
                        string(),
                        "fresh",
                        bool(),
                        "lastRun",
                        nullable(ref("Run")),
                        "sources",
                        array(ref("Source"))));
        Map<String, Object> evalRun = object(
                "An evaluation run and its mean metrics",
                "id",
                integer(),
                "set",
                string(),
                "started",
                nullable(instant()),
                "finished",
                nullable(instant()),
                "queries",
                integer(),
                "model",
                nullable(string()),
                "modes",
                array(string()),
                "means",
                mapOf(mapOf(number())),
                "settings",
                mapOf(string()));
        s.put("EvalRun", evalRun);
        s.put("EvalRunList", object(null, "runs", array(ref("EvalRun"))));
        s.put(
                "EvalRunDetail",
                object(
                        null,
                        List.of(evalRun),
                        "results",
                        array(object(
                                null,
                                "mode",
                                string(),
                                "queryId",
                                string(),
                                "metrics",
                                mapOf(number()),
                                "relevantRanks",
                                mapOf(integer()),
                                "topDocuments",
                                array(string())))));
        s.put(
                "TraceList",
                object(
                        null,
                        "traces",
                        array(object(
                                null,
                                "traceId",
                                string(),
                                "name",
                                string(),
                                "started",
                                nullable(instant()),
                                "durationMs",
                                number(),
                                "spans",
                                integer(),
                                "status",
                                nullable(string())))));
        Map<String, Object> attributes = freeObject("the span's attributes");
        s.put(
                "Span",
                object(
                        null,
                        "traceId",
                        string(),
                        "spanId",
                        string(),
                        "parentSpanId",
                        nullable(string()),
                        "name",
                        string(),
                        "startEpochNanos",
                        integer(),
                        "endEpochNanos",
                        integer(),
                        "status",
                        nullable(string()),
                        "attributes",
                        attributes,
                        "events",
                        array(object(null, "name", string(), "epochNanos", integer(), "attributes", attributes))));
        s.put("Trace", object(null, "traceId", string(), "spans", array(ref("Span"))));
    }

    static void watch(Map<String, Map<String, Object>> s) {
        s.put(
                "SourceQuality",
                object(
                        "A source's quality figures and contract results in one run (counts, never text)",
                        "run",
                        integer(),
                        "source",
                        string(),
                        "at",
                        instant(),
                        "published",
                        bool(),
                        "documents",
                        integer(),
                        "seen",
                        integer(),
                        "quarantined",
                        integer(),
                        "quarantineShare",
                        number(),
                        "piiHits",
                        integer(),
                        "piiDocuments",
                        integer(),
                        "duplicates",
                        integer(),
                        "duplicatesSkipped",
                        integer(),
                        "duplicateShare",
                        number(),
                        "garbled",
                        integer(),
                        "garbledShare",
                        number(),
                        "injections",
                        integer(),
                        "languages",
                        mapOf(integer()),
                        "missingFields",
                        mapOf(integer()),
                        "contract",
                        array(object(
                                null,
                                "expectation",
                                string(),
                                "severity",
                                string(),
                                "passed",
                                bool(),
                                "observed",
                                nullable(string()),
                                "message?",
                                string()))));
        s.put("QualityReport", object(null, "sources", array(ref("SourceQuality"))));
        List<String> kinds =
                Arrays.stream(Incident.Kind.values()).map(Incident.Kind::label).toList();
        Map<String, Object> incident = object(
                "An incident a detector opened",
                "id",
                integer(),
                "kind",
                oneOf(kinds),
                "subject",
                string(),
                "severity",
                oneOf(List.of("warning", "critical")),
                "state",
                oneOf(List.of("open", "acknowledged", "resolved")),
                "summary",
                string(),
                "openedAt",
                instant(),
                "updatedAt",
                instant(),
                "acknowledgedAt",
                nullable(instant()),
                "acknowledgedBy",
                nullable(string()),
                "resolvedAt",
                nullable(instant()),
                "evidence",
                freeObject("what the detector saw; documents only those the caller may read (documentsHidden"
                        + " counts the others); trace and answer ids for admin keys only"));
        s.put("Incident", incident);
        s.put("IncidentList", object(null, "incidents", array(ref("Incident"))));
        s.put("IncidentAcknowledged", object(null, List.of(incident), "acknowledgedNow", bool()));
        s.put(
                "IncidentCheck",
                object(
                        null,
                        "opened",
                        array(integer()),
                        "resolved",
                        array(integer()),
                        "open",
                        array(ref("Incident")),
                        "detectorFailures",
                        mapOf(string())));
        Map<String, Object> side = object(
                "One side of a conflict",
                "documentUri",
                string(),
                "source",
                nullable(string()),
                "path",
                nullable(string()),
                "page",
                integer(),
                "headingPath",
                nullable(string()),
                "chunkId",
                nullable(string()),
                "documentVersion",
                nullable(string()),
                "sentence",
                string(),
                "value",
                nullable(string()));
        s.put("ReviewSide", side);
        List<String> everyResolution =
                Arrays.stream(Resolution.values()).map(Resolution::label).toList();
        s.put(
                "ReviewItem",
                object(
                        "Two documents of different sources that disagree",
                        "id",
                        integer(),
                        "kind",
                        string(),
                        "status",
                        oneOf(List.of("open", "resolved")),
                        "subject",
                        string(),
                        "difference",
                        string("number, date, name or negation"),
                        "left",
                        ref("ReviewSide"),
                        "right",
                        ref("ReviewSide"),
                        "runId",
                        integer(),
                        "createdAt",
                        instant(),
                        "resolution",
                        nullable(oneOf(everyResolution)),
                        "note",
                        nullable(string()),
                        "resolvedBy",
                        nullable(string()),
                        "resolvedAt",
                        nullable(instant())));
        s.put(
                "ReviewScan",
                object(
                        "The last run's conflict check",
                        "runId",
                        integer(),
                        "documents",
                        integer(),
                        "chunks",
                        integer(),
                        "candidates",
                        integer(),
                        "found",
                        integer(),
                        "added",
                        integer(),
                        "reopened",
                        integer(),
                        "sourceChanged",
                        integer(),
                        "millis",
                        integer(),
                        "error",
                        nullable(string())));
        s.put(
                "ReviewList",
                object(
                        null,
                        "items",
                        array(ref("ReviewItem")),
                        "limit",
                        integer(),
                        "offset",
                        integer(),
                        "lastCheck?",
                        nullable(ref("ReviewScan"))));
        s.put(
                "ResolveRequest",
                object(
                        null,
                        "resolution",
                        oneOf(ApiShapes.resolutions()),
                        "note?",
                        Map.of("type", "string", "maxLength", ReviewRoutes.MAX_NOTE_CHARS)));
    }
}
