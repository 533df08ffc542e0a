package dev.sluice.jdbc;

import dev.sluice.transform.TransformOutput;
import dev.sluice.transform.TransformStore;
import java.util.List;
import java.util.Optional;

/** The transform output store in the catalog's file, on the catalog's connection (one writer at a time). */
final class JdbcTransforms implements TransformStore {
    @Override
    public java.util.Map<String, String> enrichmentStates() {
        return catalog.read("read enrichment states", c -> {
            java.util.Map<String, String> out = new java.util.HashMap<>();
            try (var ps = c.prepareStatement("SELECT uri, state FROM document_enrichment");
                    var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    @Override
    public void putEnrichmentStates(java.util.Map<String, String> states) {
        if (states.isEmpty()) {
            return;
        }
        catalog.write("record enrichment states", c -> {
            try (var ps =
                    c.prepareStatement(SqlDialect.insertOrReplace("document_enrichment", "uri", "uri, state", null))) {
                for (var e : states.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return states.size();
        });
    }

    @Override
    public void removeEnrichmentStates(java.util.Collection<String> uris) {
        if (uris.isEmpty()) {
            return;
        }
        catalog.write("forget enrichment states", c -> {
            try (var ps = c.prepareStatement("DELETE FROM document_enrichment WHERE uri = ?")) {
                for (String uri : uris) {
                    ps.setString(1, uri);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return uris.size();
        });
    }

    private final JdbcCatalog catalog;

    JdbcTransforms(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<TransformOutput> output(String transform, String promptVersion, String model, String inputHash) {
        return catalog.read(
                "read a transform output", c -> TransformSql.output(c, transform, promptVersion, model, inputHash));
    }

    @Override
    public void save(TransformOutput output) {
        catalog.write("save a transform output", c -> {
            TransformSql.save(c, output);
            return output;
        });
    }

    @Override
    public void markPending(String transform, String promptVersion, String inputHash, String item, String runId) {
        catalog.write("mark a transform item pending", c -> {
            TransformSql.markPending(c, transform, promptVersion, inputHash, item, runId, System.currentTimeMillis());
            return item;
        });
    }

    @Override
    public List<Status> status() {
        return catalog.read("read transform status", TransformSql::status);
    }

    @Override
    public List<TransformOutput> outputs(String transform, String promptVersion, int limit) {
        return catalog.read("read transform outputs", c -> TransformSql.outputs(c, transform, promptVersion, limit));
    }

    @Override
    public void saveBatch(Batch batch, List<BatchItem> items) {
        catalog.write("save a transform batch", c -> {
            TransformBatchSql.save(c, batch, items);
            return batch;
        });
    }

    @Override
    public List<Batch> openBatches() {
        return catalog.read("read open transform batches", TransformBatchSql::open);
    }

    @Override
    public List<BatchItem> batchItems(String batchId) {
        return catalog.read("read a transform batch", c -> TransformBatchSql.items(c, batchId));
    }

    @Override
    public void closeBatch(String batchId, String status, long nowMillis) {
        catalog.write("close a transform batch", c -> {
            TransformBatchSql.close(c, batchId, status, nowMillis);
            return batchId;
        });
    }

    @Override
    public boolean inOpenBatch(String transform, String promptVersion, String model, String inputHash) {
        return catalog.read(
                "read transform batches", c -> TransformBatchSql.inOpen(c, transform, promptVersion, model, inputHash));
    }
}
