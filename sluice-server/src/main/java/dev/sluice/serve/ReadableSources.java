package dev.sluice.serve;

import dev.sluice.KnowledgeBase;
import dev.sluice.SourceStatus;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.QuarantineReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each source with its freshness and what one caller may read of it: the reading behind {@code
 * /v1/sources}, {@code /v1/status} and the dashboard, so they count the same documents. A source only
 * the catalog remembers (no longer configured) is left out when the caller may read nothing of it.
 *
 * @param status the source's freshness and last error (counts over every document: not for callers)
 * @param documents indexed documents the caller may read
 * @param chunks their chunks
 * @param quarantinedByReason quarantined documents the caller may read, per reason label
 * @param quarantineExamples per reason label, the first few of those documents
 */
public record ReadableSources(
        SourceStatus status,
        int documents,
        int chunks,
        Map<String, Integer> quarantinedByReason,
        Map<String, List<DocumentRecord>> quarantineExamples) {

    /** Every source, in the order {@link KnowledgeBase#status} gives them, seen by {@code caller}. */
    public static List<ReadableSources> of(KnowledgeBase kb, Caller caller, long nowMillis, int examplesPerReason) {
        Map<String, Counts> bySource = new HashMap<>();
        for (Catalog.DocumentGroup g : kb.catalog().documentGroups()) {
            if (g.indexed() && caller.mayRead(g.access())) {
                Counts c = bySource.computeIfAbsent(g.source(), k -> new Counts());
                c.documents += g.documents();
                c.chunks += (int) g.chunks();
            }
        }
        for (DocumentRecord d : kb.catalog().quarantinedDocuments()) {
            if (!caller.mayRead(d.access())) {
                continue;
            }
            Counts c = bySource.computeIfAbsent(d.source(), k -> new Counts());
            String reason = QuarantineReason.fromName(d.reason()).label();
            c.quarantined.merge(reason, 1, Integer::sum);
            List<DocumentRecord> examples = c.examples.computeIfAbsent(reason, k -> new ArrayList<>());
            if (examples.size() < examplesPerReason) {
                examples.add(d);
            }
        }
        List<ReadableSources> out = new ArrayList<>();
        for (SourceStatus s : kb.status(nowMillis)) {
            Counts c = bySource.getOrDefault(s.name(), new Counts());
            if (!s.configured() && c.documents == 0 && c.quarantined.isEmpty()) {
                continue;
            }
            out.add(new ReadableSources(s, c.documents, c.chunks, c.quarantined, c.examples));
        }
        return out;
    }

    private static final class Counts {
        int documents;
        int chunks;
        final Map<String, Integer> quarantined = new TreeMap<>();
        final Map<String, List<DocumentRecord>> examples = new TreeMap<>();
    }
}
