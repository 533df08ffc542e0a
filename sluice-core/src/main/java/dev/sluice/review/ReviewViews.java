package dev.sluice.review;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON shape for a review item, shared by {@code sluice review --json} and {@code /v1/review}. */
public final class ReviewViews {
    private ReviewViews() {}

    public static Map<String, Object> view(ReviewItem i) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", i.id());
        out.put("kind", i.kind());
        out.put("status", i.status());
        out.put("subject", i.subject());
        out.put("difference", i.difference());
        out.put("left", side(i.left()));
        out.put("right", side(i.right()));
        out.put("runId", i.runId());
        out.put("createdAt", time(i.createdMillis()));
        out.put("resolution", i.resolution() == null ? null : i.resolution().label());
        out.put("note", i.note());
        out.put("resolvedBy", i.resolvedBy());
        out.put("resolvedAt", i.open() ? null : time(i.resolvedMillis()));
        return out;
    }

    public static Map<String, Object> side(ReviewItem.Side s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("documentUri", s.documentUri());
        out.put("source", s.source());
        out.put("path", s.path());
        out.put("page", s.page());
        out.put("headingPath", s.headingPath());
        out.put("chunkId", s.chunkId());
        out.put("documentVersion", s.documentVersion());
        out.put("sentence", s.sentence());
        out.put("value", s.value());
        return out;
    }

    public static Map<String, Object> scan(ReviewScan s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", s.runId());
        out.put("documents", s.documents());
        out.put("chunks", s.chunks());
        out.put("candidates", s.candidates());
        out.put("found", s.found());
        out.put("added", s.added());
        out.put("reopened", s.reopened());
        out.put("sourceChanged", s.sourceChanged());
        out.put("millis", s.millis());
        out.put("error", s.error());
        return out;
    }

    public static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
