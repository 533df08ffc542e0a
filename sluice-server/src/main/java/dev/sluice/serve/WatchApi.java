package dev.sluice.serve;

import java.util.List;
import java.util.Map;

/** What {@link IncidentRoutes}, {@link QualityRoutes} and {@link ReviewRoutes} take and answer. */
final class WatchApi {
    private WatchApi() {}

    private static final Map<String, Object> NUMBER_ID = Map.of("type", "integer", "minimum", 0);
    private static final String BAD_PARAM = "a value is of the wrong type or out of bounds";

    static final ApiParam<Boolean> ALL = ApiParam.bool("all", false, "resolved incidents too");
    static final ApiParam<Integer> INCIDENTS_LIMIT = ApiParam.integer("limit", 50, 1, 500, "at most this many");
    static final ApiParam<String> INCIDENT_ID = ApiParam.path("id", NUMBER_ID, "the incident's id");

    static final ApiOperation INCIDENTS = ApiOperation.of("listIncidents", "Open incidents, newest first")
            .describe("For keys with the ingest or admin scope. Evidence names only documents the caller may read.")
            .params(ALL, INCIDENTS_LIMIT)
            .json(200, "the incidents", "IncidentList")
            .error(400, BAD_PARAM);
    static final ApiOperation INCIDENT = ApiOperation.of("getIncident", "One incident with its evidence")
            .params(INCIDENT_ID)
            .json(200, "the incident", "Incident")
            .error(404, "no such incident");
    static final ApiOperation ACKNOWLEDGE = ApiOperation.of("acknowledgeIncident", "Acknowledge an open incident")
            .params(INCIDENT_ID)
            .json(200, "the incident; acknowledgedNow false when it was already", "IncidentAcknowledged")
            .error(404, "no such incident")
            .error(409, "the incident is resolved");
    static final ApiOperation CHECK = ApiOperation.of("checkIncidents", "Run every incident detector now")
            .json(200, "what opened and resolved, and what is open", "IncidentCheck");

    static final ApiParam<String> QUALITY_SOURCE = ApiParam.text("source", "only this source");
    static final ApiParam<Integer> QUALITY_RUNS = ApiParam.integer("runs", 10, 1, 500, "the last this many runs");

    static final ApiOperation QUALITY = ApiOperation.of("qualityReport", "Quality checks and contracts per source")
            .describe("For keys with the ingest or admin scope; counts only, never document text.")
            .params(QUALITY_SOURCE, QUALITY_RUNS)
            .json(200, "each source's figures per run", "QualityReport")
            .error(400, BAD_PARAM);

    static final ApiParam<String> REVIEW_STATUS =
            ApiParam.choice("status", "open", List.of("open", "resolved", "all"), "which items");
    static final ApiParam<String> REVIEW_SOURCE = ApiParam.text("source", "only items with a side from this source");
    static final ApiParam<Integer> REVIEW_LIMIT = ApiParam.integer("limit", 50, 1, 500, "at most this many");
    static final ApiParam<Integer> REVIEW_OFFSET =
            ApiParam.integer("offset", 0, 0, ReviewRoutes.MAX_SCANNED, "skip this many (of those the caller may read)");
    static final ApiParam<String> REVIEW_ID = ApiParam.path("id", NUMBER_ID, "the review item's id");

    static final ApiOperation REVIEW = ApiOperation.of("listReviewItems", "Cross-source conflicts found at ingestion")
            .describe("Any key: the items whose two documents the caller may both read (the others do not exist"
                    + " for it). lastCheck for keys with the ingest or admin scope.")
            .anyKey()
            .params(REVIEW_STATUS, REVIEW_SOURCE, REVIEW_LIMIT, REVIEW_OFFSET)
            .json(200, "newest first", "ReviewList")
            .error(400, BAD_PARAM);
    static final ApiOperation REVIEW_ITEM = ApiOperation.of("getReviewItem", "One review item with both sides")
            .anyKey()
            .params(REVIEW_ID)
            .json(200, "the item", "ReviewItem")
            .error(404, "no such item, or one with a document the caller may not read");
    static final ApiOperation RESOLVE = ApiOperation.of("resolveReviewItem", "Resolve a review item")
            .params(REVIEW_ID)
            .jsonBody("ResolveRequest", "{\"resolution\": \"keep-left\", \"note\": \"the 2027 policy replaced it\"}")
            .json(200, "the item, resolved", "ReviewItem")
            .error(400, "the body is not a JSON object of the fields listed, or a field is invalid")
            .error(404, "no such item, or one with a document the caller may not read")
            .error(409, "the item is already resolved");
}
