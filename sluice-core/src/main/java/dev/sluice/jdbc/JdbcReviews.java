package dev.sluice.jdbc;

import dev.sluice.review.Resolution;
import dev.sluice.review.ReviewItem;
import dev.sluice.review.ReviewScan;
import dev.sluice.review.ReviewStore;
import java.util.List;
import java.util.Optional;

/** The review store in the catalog's file, on the catalog's connection (one writer at a time). */
final class JdbcReviews implements ReviewStore {
    private final JdbcCatalog catalog;

    JdbcReviews(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Added add(ReviewItem item, long nowMillis) {
        return catalog.write("add a review item", c -> ReviewSql.add(c, item, nowMillis));
    }

    @Override
    public Optional<ReviewItem> item(long id) {
        return catalog.read("read review item " + id, c -> ReviewSql.byId(c, id));
    }

    @Override
    public List<ReviewItem> items(String status, String source, int limit, int offset) {
        return catalog.read("list review items", c -> ReviewSql.list(c, status, source, limit, offset));
    }

    @Override
    public List<ReviewItem> openItems() {
        return catalog.read("list open review items", ReviewSql::open);
    }

    @Override
    public boolean resolve(long id, Resolution resolution, String note, String by, long nowMillis) {
        return catalog.write(
                "resolve review item " + id, c -> ReviewSql.resolve(c, id, resolution, note, by, nowMillis));
    }

    @Override
    public void recordScan(ReviewScan scan) {
        catalog.write("record the conflict check of run " + scan.runId(), c -> {
            ReviewSql.recordScan(c, scan);
            return scan.runId();
        });
    }

    @Override
    public Optional<ReviewScan> scan(long runId) {
        return catalog.read("read the conflict check of run " + runId, c -> ReviewSql.scan(c, Math.max(0, runId)));
    }

    @Override
    public Optional<ReviewScan> lastScan() {
        return catalog.read("read the last conflict check", c -> ReviewSql.scan(c, -1));
    }
}
