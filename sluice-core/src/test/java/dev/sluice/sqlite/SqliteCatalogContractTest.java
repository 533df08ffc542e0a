package dev.sluice.sqlite;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.AnswerStoreContract;
import dev.sluice.contract.ApiKeyStoreContract;
import dev.sluice.contract.CatalogContract;
import dev.sluice.contract.EvalRunStoreContract;
import dev.sluice.contract.IncidentStoreContract;
import dev.sluice.contract.LedgerStoreContract;
import dev.sluice.contract.ReviewStoreContract;
import dev.sluice.contract.TraceStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The embedded SQLite catalog passes the contract suite of every store seam it implements. */
class SqliteCatalogContractTest {
    static SqliteCatalog in(Path folder) {
        return SqliteCatalog.open(folder.resolve(SqliteCatalog.FILE_NAME));
    }

    @Nested
    class AsCatalog extends CatalogContract {
        @Override
        protected Catalog openIn(Path folder) {
            return in(folder);
        }

        @Override
        protected Path copyTarget(Path folder) {
            folder.toFile().mkdirs();
            return folder.resolve(SqliteCatalog.FILE_NAME);
        }
    }

    @Nested
    class AsLedger extends LedgerStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }
    }

    @Nested
    class AsEvalRunStore extends EvalRunStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }
    }

    @Nested
    class AsAnswerStore extends AnswerStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }
    }

    @Nested
    class AsApiKeyStore extends ApiKeyStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }
    }

    @Nested
    class AsTraceStore extends TraceStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }
    }

    @Nested
    class AsIncidentStore extends IncidentStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }

        @Override
        protected dev.sluice.incident.IncidentStore incidents(SqliteCatalog store) {
            return store.incidents();
        }
    }

    @Nested
    class AsReviewStore extends ReviewStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }

        @Override
        protected dev.sluice.review.ReviewStore reviews(SqliteCatalog store) {
            return store.reviews();
        }
    }

    @Nested
    class AsQualityStore extends dev.sluice.contract.QualityStoreContract<SqliteCatalog> {
        @Override
        protected SqliteCatalog openIn(Path folder) {
            return in(folder);
        }

        @Override
        protected dev.sluice.quality.QualityStore quality(SqliteCatalog store) {
            return store.quality();
        }
    }
}
