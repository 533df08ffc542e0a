package dev.sluice.serve;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.AccessList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which documents an evaluation names may be shown to a caller. An evaluation names documents by
 * source-relative path or by URI (EvalRunner): both map to the access list the catalog records. A path
 * two sources share with different lists reads as nobody's, and a name the catalog does not know is
 * never shown.
 */
public final class ReadableDocuments {
    private ReadableDocuments() {}

    /** A test of document names (paths or URIs) against what {@code caller} may read; reads the catalog once. */
    public static Predicate<String> byPathOrUri(Catalog catalog, Caller caller) {
        Map<String, String> access = new HashMap<>();
        for (DocumentRecord d : catalog.documents().values()) {
            String fingerprint = d.access() == null ? "public" : d.access();
            access.put(d.uri(), fingerprint);
            access.merge(d.path(), fingerprint, (a, b) -> a.equals(b) ? a : AccessList.NOBODY);
        }
        return name -> access.containsKey(name) && caller.mayRead(access.get(name));
    }
}
