package dev.sluice.ingest;

import java.util.List;

/** The folders ingested by name on the command line, kept in the catalog (table {@code adhoc_sources}). */
public interface AdHocSourceStore {
    /** Records these sources, replacing what was recorded under the same names. */
    void remember(List<AdHocSource> sources, long nowMillis);

    /** Every remembered source, in name order. */
    List<AdHocSource> all();
}
