package dev.sluice.serve;

import dev.sluice.IngestOptions;
import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.AccessList;
import dev.sluice.source.DirectorySource;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/documents}: list what the caller may read, one document's lineage, uploads and
 * deletes. Uploads land in the index's uploads folder, one folder per uploading principal, each
 * file beside its access sidecar (written first, so no run ever sees the file without its list),
 * and are ingested by a job. A document the caller may not read answers 404, exactly as one that
 * does not exist.
 */
record DocumentRoutes(KnowledgeBase kb, IngestJobs jobs) {
    /** How long {@code ?wait=true} waits for the ingest job before answering 202 all the same. */
    static final long WAIT_MILLIS = 120_000;

    void list(Context ctx) {
        Caller caller = Caller.requiring(ctx, "query");
        String uri = DocumentApi.URI.get(ctx);
        if (uri != null) {
            lineage(ctx, caller, uri);
            return;
        }
        int limit = DocumentApi.LIMIT.get(ctx);
        int offset = DocumentApi.OFFSET.get(ctx);
        String source = DocumentApi.SOURCE.get(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        int matched = 0;
        for (DocumentRecord d : kb.catalog().documents().values()) {
            if (!caller.mayRead(d.access()) || source != null && !source.equals(d.source())) {
                continue;
            }
            if (matched++ >= offset && out.size() < limit) {
                out.add(view(d));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", matched);
        body.put("offset", offset);
        body.put("documents", out);
        Http.json(ctx, 200, body);
    }

    private void lineage(Context ctx, Caller caller, String uri) {
        DocumentRecord d = readable(caller, uri);
        Map<String, Object> body = view(d);
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (Catalog.ChunkRow c : kb.catalog().chunks(uri)) {
            chunks.add(Map.of("id", c.id(), "contentHash", c.contentHash()));
        }
        body.put("chunks", chunks);
        RunRecord run = kb.catalog().run(d.runId());
        if (run != null) {
            body.put("run", OpsRoutes.view(run, false));
        }
        Http.json(ctx, 200, body);
    }

    void upload(Context ctx) throws InterruptedException {
        Caller caller = Caller.requiring(ctx, "ingest");
        if (!ctx.isMultipartFormData()) {
            throw ApiError.badRequest(
                    "send multipart/form-data with one or more 'files' parts (curl -F files=@report.pdf)");
        }
        List<UploadedFile> files;
        java.util.Set<String> undeclared;
        AccessList access;
        try {
            files = ctx.uploadedFiles("files");
            undeclared = ApiOperation.undeclaredParts(ctx);
            access = access(caller, ApiOperation.formField(ctx, "principals"), ApiOperation.formField(ctx, "groups"));
        } catch (Exception e) { // Jetty's multipart parser, wrapped in a servlet exception or not
            // the parser may have stopped anywhere in the body: this connection cannot carry another request
            ctx.header("Connection", "close");
            throw multipartFailure(e);
        }
        if (!undeclared.isEmpty()) {
            throw ApiError.badRequest("unknown part " + String.join(", ", undeclared)
                    + ": an upload takes the parts files, principals and groups (/openapi.json)");
        }
        if (files.isEmpty()) {
            throw ApiError.badRequest("no file in the request: send each file as a part named 'files'");
        }
        Path folder = IngestOptions.uploadsFolder(kb.index())
                .resolve(UploadNames.folderName(caller.key().principal()));
        List<Map<String, Object>> stored = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (UploadedFile file : files) {
            String name = UploadNames.fileName(file.filename());
            if (names.contains(name)) {
                throw ApiError.badRequest("two files are named '" + name + "' (after cleaning); names must differ");
            }
            names.add(name);
        }
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < files.size(); i++) {
                Path target = UploadNames.inside(folder, names.get(i));
                Path sidecar = target.resolveSibling(target.getFileName() + DirectorySource.ACCESS_SIDECAR);
                // The uploader alone first (a reader under the old list and the new one alike), then the
                // content, then the list asked for: a sync running meanwhile never shows the new content
                // to the old list's readers, nor the old content to the new list's.
                writeAtomically(
                        sidecar, sidecarJson(new AccessList(List.of(caller.key().principal()), List.of())));
                try (InputStream in = files.get(i).content()) {
                    writeAtomically(target, in);
                }
                writeAtomically(sidecar, sidecarJson(access));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("name", names.get(i));
                doc.put("uri", target.toUri().toString());
                doc.put("bytes", Files.size(target));
                stored.add(doc);
            }
        } catch (IOException e) {
            throw new dev.sluice.core.SluiceException("cannot store the upload: " + e.getMessage(), e);
        }
        IngestJobs.Job job = jobs.submit(
                "upload",
                List.of(IngestOptions.uploads(kb.index())),
                false,
                caller.key().id());
        respondWithJob(ctx, job, Map.of("documents", stored, "access", access));
    }

    void delete(Context ctx) throws InterruptedException {
        Caller caller = Caller.requiring(ctx, "ingest");
        String uri = DocumentApi.DELETE_URI.get(ctx);
        DocumentRecord d = readable(caller, uri);
        Path uploads = IngestOptions.uploadsFolder(kb.index()).toAbsolutePath().normalize();
        Path file = uploadedFile(uri, uploads);
        if (!IngestOptions.UPLOADS_SOURCE.equals(d.source()) || file == null) {
            throw new ApiError(
                    409,
                    "not_uploaded",
                    "the document comes from source '" + d.source() + "', which the service does not manage; remove"
                            + " it there and sync");
        }
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + DirectorySource.ACCESS_SIDECAR));
        } catch (IOException e) {
            throw new dev.sluice.core.SluiceException("cannot delete " + file.getFileName() + ": " + e.getMessage(), e);
        }
        IngestJobs.Job job = jobs.submit(
                "delete",
                List.of(IngestOptions.uploads(kb.index())),
                false,
                caller.key().id());
        respondWithJob(ctx, job, Map.of("deleted", uri));
    }

    /** 202 with the job, or 200 with it finished when the client asked to wait ({@code ?wait=true}). */
    private void respondWithJob(Context ctx, IngestJobs.Job job, Map<String, Object> extra)
            throws InterruptedException {
        boolean wait = DocumentApi.WAIT.get(ctx);
        IngestJobs.Job now = wait ? jobs.await(job.id(), WAIT_MILLIS) : job;
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("job", OpsRoutes.view(now));
        Http.json(ctx, now.finished() ? 200 : 202, body);
    }

    /**
     * What a multipart body the parser refused tells the client: 400 for a part's headers over the
     * parser's cap (a file name too long, most likely), 413 over a size cap, 400 otherwise; a body
     * that stalled, trickled or broke off goes on to {@link ErrorResponses} as every such body does.
     */
    private static RuntimeException multipartFailure(Exception e) {
        if (ErrorResponses.fromTheConnection(e)) {
            return new ErrorResponses.ConnectionFailure(e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiError api) {
                return api;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            java.util.regex.Matcher headers = java.util.regex.Pattern.compile("headers max length exceeded: (\\d+)")
                    .matcher(message);
            if (headers.find()) {
                return ApiError.badRequest("the file name (or another header of a part) is too long: a part's headers"
                        + " may have at most " + headers.group(1) + " bytes, and a file name at most "
                        + UploadNames.MAX_BYTES + " bytes in UTF-8");
            }
            if ((t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() == 413)
                    || message.contains("exceed")
                    || message.contains("too large")) {
                return new ApiError(413, "too_large", "the upload is larger than the service accepts");
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return ApiError.badRequest("the multipart body cannot be read: " + root.getMessage());
    }

    /** The record of a document the caller may read; 404 when there is none or the caller may not read it. */
    private DocumentRecord readable(Caller caller, String uri) {
        DocumentRecord d = kb.catalog().document(uri);
        if (d == null || !caller.mayRead(d.access())) {
            throw new ApiError(404, "not_found", "no document " + uri);
        }
        return d;
    }

    /** The file an uploads URI names, or null when it is not a file under the uploads folder. */
    private static Path uploadedFile(String uri, Path uploads) {
        try {
            Path file = Path.of(URI.create(uri)).toAbsolutePath().normalize();
            return file.startsWith(uploads) ? file : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /**
     * The access list an upload asks for, with the uploader always among its readers (so it can see
     * and delete what it uploaded); without one, the uploader's own principal and groups.
     */
    private static AccessList access(Caller caller, String principals, String groups) {
        List<String> p = new ArrayList<>(names(principals));
        List<String> g = names(groups);
        if (p.isEmpty() && g.isEmpty()) {
            return new AccessList(
                    List.of(caller.key().principal()), caller.key().groups());
        }
        if (!p.contains(caller.key().principal())) {
            p.add(caller.key().principal());
        }
        return new AccessList(p, g);
    }

    private static List<String> names(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String name : Arrays.asList(csv.split(","))) {
            if (!name.isBlank()) {
                out.add(name.strip());
            }
        }
        return out;
    }

    private static InputStream sidecarJson(AccessList access) {
        return new java.io.ByteArrayInputStream(
                Http.write(Map.of("principals", access.principals(), "groups", access.groups()))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path target, InputStream content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            Files.copy(content, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static Map<String, Object> view(DocumentRecord d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", d.uri());
        m.put("source", d.source());
        m.put("path", d.path());
        m.put("status", d.status());
        m.put(
                "reason",
                d.reason() == null
                        ? null
                        : dev.sluice.core.QuarantineReason.fromName(d.reason()).label());
        m.put("message", d.message());
        m.put("chunks", d.chunkCount());
        m.put("bytes", d.sizeBytes());
        m.put("modified", instant(d.modifiedMillis()));
        m.put("firstSeen", instant(d.firstSeenMillis()));
        m.put("lastSeen", instant(d.lastSeenMillis()));
        m.put("runId", d.runId());
        m.put("model", d.modelId());
        m.put("chunkerVersion", d.chunkerVersion());
        m.put("contentHash", d.contentHash());
        return m;
    }

    static String instant(long millis) {
        return millis <= 0 ? null : java.time.Instant.ofEpochMilli(millis).toString();
    }
}
