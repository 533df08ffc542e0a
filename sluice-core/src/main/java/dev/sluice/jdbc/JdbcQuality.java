package dev.sluice.jdbc;

import dev.sluice.quality.DocumentChecks;
import dev.sluice.quality.QualityStore;
import dev.sluice.quality.SourceQuality;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The quality store in the catalog's file, on the catalog's connection. */
final class JdbcQuality implements QualityStore {
    private final JdbcCatalog catalog;

    JdbcQuality(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void putChecks(Collection<DocumentChecks> checks, Map<String, StoredSignature> signatures) {
        if (!checks.isEmpty()) {
            catalog.write("record document checks", c -> QualitySql.putChecks(c, checks, signatures));
        }
    }

    @Override
    public void removeChecks(Collection<String> uris) {
        if (!uris.isEmpty()) {
            catalog.write("forget document checks", c -> QualitySql.removeChecks(c, uris));
        }
    }

    @Override
    public Map<String, DocumentChecks> checks() {
        return catalog.read("read document checks", QualitySql::all);
    }

    @Override
    public DocumentChecks checks(String uri) {
        return catalog.read("read the checks of " + uri, c -> QualitySql.one(c, uri));
    }

    @Override
    public List<StoredSignature> signatures() {
        return catalog.read("read duplicate signatures", c -> QualitySql.signatures(c, catalog.dialect));
    }

    @Override
    public void putSourceQuality(List<SourceQuality> rows) {
        if (!rows.isEmpty()) {
            catalog.write("record source quality", c -> QualitySql.putSourceQuality(c, rows));
        }
    }

    @Override
    public List<SourceQuality> sourceQuality(String source, int runs) {
        return catalog.read("read source quality", c -> QualitySql.sourceQuality(c, source, runs));
    }
}
