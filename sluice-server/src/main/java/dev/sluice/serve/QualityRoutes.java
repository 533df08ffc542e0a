package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.QualityJson;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Quality findings over HTTP: each source's checks and contract results per run, for keys with the
 * {@code ingest} or {@code admin} scope (the people who run the knowledge base). Figures are counts per
 * source; no document text or personal data is in them.
 */
record QualityRoutes(KnowledgeBase kb) {
    /** {@code GET /v1/quality}: the last runs' figures per source ({@code ?source=NAME&runs=N}). */
    void report(Context ctx) {
        Caller caller = Caller.of(ctx);
        if (!caller.has("ingest") && !caller.has("admin")) {
            throw new ApiError(403, "forbidden", "quality reports are for keys with the 'ingest' or 'admin' scope");
        }
        String source = WatchApi.QUALITY_SOURCE.get(ctx);
        int runs = WatchApi.QUALITY_RUNS.get(ctx);
        Http.json(
                ctx,
                200,
                Map.of(
                        "sources",
                        kb
                                .qualityStore()
                                .sourceQuality(source == null || source.isBlank() ? null : source, runs)
                                .stream()
                                .map(QualityJson::source)
                                .toList()));
    }
}
