package dev.sluice.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import dev.sluice.sqlite.SqliteCatalog;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir
    Path dir;

    private static DocumentRecord indexed(String uri, long runId) {
        return new DocumentRecord(
                uri,
                "docs",
                uri.substring(uri.lastIndexOf('/') + 1),
                10,
                20,
                "hash",
                DocumentRecord.INDEXED,
                null,
                null,
                "heading-aware/3",
                "m",
                "v",
                2,
                100,
                200,
                runId);
    }

    @Test
    void should_create_the_schema_once_and_keep_the_data_when_reopened() {
        Path file = dir.resolve("catalog.sqlite");
        try (SqliteCatalog catalog = SqliteCatalog.open(file)) {
            assertThat(catalog.schemaVersion()).isEqualTo(19);
            long run = catalog.startRun("test", 1000);
            catalog.apply(
                    run,
                    List.of(new Catalog.Change.Indexed(
                            indexed("file:/a.md", run),
                            List.of(new Catalog.ChunkRow("c1", "h1"), new Catalog.ChunkRow("c2", "h2")))));
            catalog.finishRun(run, 2000, "ok", new RunCounts(1, 1, 0, 0, 0, 2, 2, 0), null);
        }
        try (SqliteCatalog catalog = SqliteCatalog.open(file)) {
            assertThat(catalog.schemaVersion()).isEqualTo(19);
            assertThat(catalog.documents()).containsOnlyKeys("file:/a.md");
            assertThat(catalog.chunkCount()).isEqualTo(2);
            assertThat(catalog.runs(5)).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo("ok");
                assertThat(r.counts().chunks()).isEqualTo(2);
            });
        }
    }

    @Test
    void should_refuse_a_catalog_from_a_newer_sluice() throws Exception {
        Path file = dir.resolve("catalog.sqlite");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> SqliteCatalog.open(file))
                .isInstanceOf(SluiceException.class)
                .hasMessageContaining("schema version 99, newer than this Sluice knows");
    }

    @Test
    void should_return_cached_vectors_bit_for_bit_and_only_for_the_same_model_version() {
        try (SqliteCatalog catalog = SqliteCatalog.open(dir.resolve("catalog.sqlite"))) {
            float[] v = {0.1f, -2.5f, Float.MIN_VALUE, 3.4e38f};
            catalog.putVectors("m", "v1", Map.of("h", v));
            catalog.putVectors("m", "v1", Map.of("h", new float[] {9f, 9f, 9f, 9f})); // first write wins
            assertThat(catalog.vectors("m", "v1", List.of("h", "missing"))).containsOnlyKeys("h");
            assertThat(catalog.vectors("m", "v1", List.of("h")).get("h")).containsExactly(v);
            assertThat(catalog.vectors("m", "v2", List.of("h"))).isEmpty();
            assertThat(catalog.cachedVectorCount()).isEqualTo(1);
        }
    }

    @Test
    void should_apply_quarantine_deletion_and_sightings_in_one_transaction() {
        try (SqliteCatalog catalog = SqliteCatalog.open(dir.resolve("catalog.sqlite"))) {
            long run = catalog.startRun("test", 1);
            catalog.apply(
                    run,
                    List.of(
                            new Catalog.Change.Indexed(
                                    indexed("file:/a.md", run), List.of(new Catalog.ChunkRow("c1", "h1"))),
                            new Catalog.Change.Indexed(
                                    indexed("file:/b.md", run), List.of(new Catalog.ChunkRow("c2", "h2")))));
            long next = catalog.startRun("test", 2);
            DocumentRecord broken = new DocumentRecord(
                    "file:/a.md",
                    "docs",
                    "a.md",
                    11,
                    21,
                    null,
                    DocumentRecord.QUARANTINED,
                    "CORRUPT",
                    "bad xref",
                    null,
                    null,
                    null,
                    0,
                    100,
                    300,
                    next);
            catalog.apply(
                    next, List.of(new Catalog.Change.Quarantined(broken), new Catalog.Change.Deleted("file:/b.md")));
            Map<String, DocumentRecord> docs = catalog.documents();
            assertThat(docs).containsOnlyKeys("file:/a.md");
            assertThat(docs.get("file:/a.md").status()).isEqualTo(DocumentRecord.QUARANTINED);
            assertThat(docs.get("file:/a.md").firstSeenMillis()).isEqualTo(100);
            assertThat(catalog.chunkCount()).isZero();
        }
    }
}
