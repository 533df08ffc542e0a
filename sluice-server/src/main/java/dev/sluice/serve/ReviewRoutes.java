package dev.sluice.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.review.Resolution;
import dev.sluice.review.ReviewItem;
import dev.sluice.review.ReviewViews;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Review items over HTTP. Any key sees the items whose two documents it may both read; for it, the
 * others do not exist (404 by id, absent from lists), so no sentence of a document it may not read ever
 * reaches it. Only an admin key resolves one (as only an admin acknowledges an incident), and only an
 * item it can see. Keys with the {@code ingest} or {@code admin} scope also see the last run's check.
 */
record ReviewRoutes(KnowledgeBase kb) {
    /** The longest note kept with a resolution. */
    static final int MAX_NOTE_CHARS = 2_000;

    /** Items read from the store per page asked, at most, before filtering by access. */
    static final int MAX_SCANNED = 10_000;

    /** {@code GET /v1/review}: items newest first; {@code status} (open, resolved, all), {@code source}, paging. */
    void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        String status = ReviewItem.statusFilter(WatchApi.REVIEW_STATUS.get(ctx), "status");
        String source = WatchApi.REVIEW_SOURCE.get(ctx);
        int limit = WatchApi.REVIEW_LIMIT.get(ctx);
        int offset = WatchApi.REVIEW_OFFSET.get(ctx);
        List<Map<String, Object>> page = new ArrayList<>();
        int skipped = 0;
        Map<String, Boolean> readable = new java.util.HashMap<>(); // one catalog read per document, not per item
        // Filtered by access before paging, so a page never comes back short because of items the caller cannot see.
        for (ReviewItem item : kb.reviews().items(status, source, MAX_SCANNED, 0)) {
            if (!readable.computeIfAbsent(item.left().documentUri(), uri -> mayRead(caller, uri))
                    || !readable.computeIfAbsent(item.right().documentUri(), uri -> mayRead(caller, uri))) {
                continue;
            }
            if (skipped++ < offset) {
                continue;
            }
            if (page.size() == limit) {
                break;
            }
            page.add(ReviewViews.view(item));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        body.put("limit", limit);
        body.put("offset", offset);
        if (caller.has("ingest") || caller.has("admin")) {
            body.put("lastCheck", kb.reviews().lastScan().map(ReviewViews::scan).orElse(null));
        }
        Http.json(ctx, 200, body);
    }

    /** {@code GET /v1/review/{id}}: one item with both sides and their lineage. */
    void show(Context ctx) {
        Caller caller = Caller.of(ctx);
        Http.json(ctx, 200, ReviewViews.view(find(ctx, caller)));
    }

    /** {@code POST /v1/review/{id}/resolve} with {@code {"resolution": "keep-left", "note": "..."}} (admin keys). */
    void resolve(Context ctx) {
        Caller caller = Caller.requiring(ctx, "admin");
        JsonNode body = ApiOperation.jsonBody(ctx); // a bad body is 400 whether or not the item exists
        Resolution resolution;
        try {
            resolution = Resolution.parseChoice(Http.text(body, "resolution", 40), "resolution");
        } catch (dev.sluice.core.UsageException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        String note = Http.optionalText(body, "note", MAX_NOTE_CHARS);
        ReviewItem item = find(ctx, caller);
        if (!item.open()
                || !kb.reviews()
                        .resolve(
                                item.id(),
                                resolution,
                                note == null || note.isBlank() ? null : note.strip(),
                                caller.key().id(),
                                System.currentTimeMillis())) {
            ReviewItem now = kb.reviews().item(item.id()).orElseThrow();
            throw new ApiError(
                    409,
                    "conflict",
                    "review item " + item.id() + " is already resolved as "
                            + (now.resolution() == null ? "?" : now.resolution().label()));
        }
        Http.json(ctx, 200, ReviewViews.view(kb.reviews().item(item.id()).orElseThrow()));
    }

    private ReviewItem find(Context ctx, Caller caller) {
        String raw = WatchApi.REVIEW_ID.get(ctx);
        java.util.OptionalLong number = AsciiDigits.parse(raw);
        if (number.isEmpty()) {
            throw new ApiError(404, "not_found", "no review item " + Http.printable(raw));
        }
        long id = number.getAsLong();
        return kb.reviews()
                .item(id)
                .filter(i -> visible(caller, i))
                .orElseThrow(() -> new ApiError(404, "not_found", "no review item " + id));
    }

    /** Whether the caller may read both documents (one no longer in the catalog: admins only, as diagnoses). */
    private boolean visible(Caller caller, ReviewItem item) {
        return mayRead(caller, item.left().documentUri())
                && mayRead(caller, item.right().documentUri());
    }

    private boolean mayRead(Caller caller, String uri) {
        DocumentRecord d = kb.catalog().document(uri);
        return d == null ? caller.has("admin") : caller.mayRead(d.access());
    }
}
