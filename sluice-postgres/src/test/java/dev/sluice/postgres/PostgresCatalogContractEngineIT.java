package dev.sluice.postgres;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.AnswerStoreContract;
import dev.sluice.contract.ApiKeyStoreContract;
import dev.sluice.contract.CatalogContract;
import dev.sluice.contract.EvalRunStoreContract;
import dev.sluice.contract.IncidentStoreContract;
import dev.sluice.contract.LedgerStoreContract;
import dev.sluice.contract.QualityStoreContract;
import dev.sluice.contract.ReviewStoreContract;
import dev.sluice.contract.TraceStoreContract;
import dev.sluice.sqlite.SqliteCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * The PostgreSQL catalog passes the contract suite of every store seam it implements, bound as the
 * SQLite catalog's are (SqliteCatalogContractTest): each test's folder stands for a fresh schema of its
 * own, dropped after the test, and opening the same folder again opens the same schema. A folder that
 * holds a {@code catalog.sqlite} is a copy {@link PostgresCatalog#copyTo} wrote, opened as SQLite.
 */
class PostgresCatalogContractEngineIT {
    private static final TestDatabase DATABASE = new TestDatabase();
    private static final Map<Path, PostgresSettings> SCHEMAS = new HashMap<>();

    static synchronized PostgresCatalog in(Path folder) {
        return PostgresCatalog.open(SCHEMAS.computeIfAbsent(folder, f -> DATABASE.freshSchema()));
    }

    @AfterAll
    static void dropSchemas() {
        DATABASE.close();
    }

    @Nested
    class AsCatalog extends CatalogContract {
        @Override
        protected Catalog openIn(Path folder) {
            Path copy = folder.resolve(SqliteCatalog.FILE_NAME);
            return Files.exists(copy) ? SqliteCatalog.open(copy) : in(folder);
        }

        @Override
        protected Path copyTarget(Path folder) {
            folder.toFile().mkdirs();
            return folder.resolve(SqliteCatalog.FILE_NAME);
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsLedger extends LedgerStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsEvalRunStore extends EvalRunStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsAnswerStore extends AnswerStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsApiKeyStore extends ApiKeyStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsTraceStore extends TraceStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsIncidentStore extends IncidentStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @Override
        protected dev.sluice.incident.IncidentStore incidents(PostgresCatalog store) {
            return store.incidents();
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsReviewStore extends ReviewStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @Override
        protected dev.sluice.review.ReviewStore reviews(PostgresCatalog store) {
            return store.reviews();
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }

    @Nested
    class AsQualityStore extends QualityStoreContract<PostgresCatalog> {
        @Override
        protected PostgresCatalog openIn(Path folder) {
            return in(folder);
        }

        @Override
        protected dev.sluice.quality.QualityStore quality(PostgresCatalog store) {
            return store.quality();
        }

        @AfterEach
        void drop() {
            DATABASE.close();
        }
    }
}
