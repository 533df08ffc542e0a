package dev.sluice.serve;

import java.util.List;
import java.util.Map;

/** What {@link DocumentRoutes} take and answer: listing, lineage, uploads and deletes. */
final class DocumentApi {
    private DocumentApi() {}

    /** Shared by every route that queues an ingest job. */
    static final ApiParam<Boolean> WAIT = ApiParam.bool(
            "wait", false, "wait (up to 2 minutes) for the job to finish: 200 when it did, 202 when still running");

    static final ApiParam<String> URI =
            ApiParam.text("uri", "one document's lineage instead of the list").example("file:///nosuch.md");
    static final ApiParam<String> DELETE_URI = ApiParam.requiredText(
            "uri",
            "the URI of the uploaded document (from the upload's answer or GET /v1/documents)",
            "file:///nosuch.md");
    static final ApiParam<String> SOURCE = ApiParam.text("source", "only this source's documents");
    static final ApiParam<Integer> LIMIT = ApiParam.integer("limit", 100, 1, 1000, "at most this many");
    static final ApiParam<Integer> OFFSET =
            ApiParam.integer("offset", 0, 0, Integer.MAX_VALUE, "skip this many (of those the caller may read)");

    static final ApiOperation LIST = ApiOperation.of("listDocuments", "Documents the caller may read, or one's lineage")
            .describe("Without uri: the documents the caller may read, with status, chunks and run. With uri:"
                    + " that document's record, its chunks' ids and content hashes and the run that wrote it.")
            .params(URI, SOURCE, LIMIT, OFFSET)
            .reply(
                    200,
                    "the list, or with uri the lineage",
                    "application/json",
                    Map.of("oneOf", List.of(ApiSchemas.ref("DocumentList"), ApiSchemas.ref("DocumentLineage"))))
            .error(400, "a value is of the wrong type or out of bounds")
            .error(404, "no such document, or one the caller may not read");

    static final ApiOperation UPLOAD = ApiOperation.of("uploadDocuments", "Upload files and ingest them")
            .describe("Files land in the uploads source, one folder per uploading principal; principals and groups"
                    + " (comma-separated) say who may read them, the uploader always among them. An ingest job"
                    + " runs them.")
            .params(WAIT)
            .multipartBody("UploadRequest")
            .json(200, "stored, and the job finished (wait=true)", "UploadAccepted")
            .json(202, "stored; the job is queued or running", "UploadAccepted")
            .error(400, "not multipart, no 'files' part, an unknown part, a bad or repeated file name")
            .error(413, "the upload is larger than the service accepts")
            .error(503, "too many ingest jobs waiting (Retry-After), or the service is stopping");

    static final ApiOperation DELETE = ApiOperation.of("deleteDocument", "Delete an uploaded document")
            .params(DELETE_URI, WAIT)
            .json(200, "deleted, and the job finished (wait=true)", "DeleteAccepted")
            .json(202, "deleted; the job that removes it from the index is queued or running", "DeleteAccepted")
            .error(400, "uri is missing or blank, or wait is not true or false")
            .error(404, "no such document, or one the caller may not read")
            .error(409, "the document comes from a configured source (not_uploaded): remove it there and sync")
            .error(503, "too many ingest jobs waiting (Retry-After), or the service is stopping");
}
