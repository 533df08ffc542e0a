package dev.sluice.diagnose;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The indexed chunks of the expected document, in document order, and where the expected text lies in
 * them: in one chunk, split across two neighbours, or nowhere.
 *
 * @param chunks the document's chunks as the index holds them, by ordinal
 * @param expectText the phrase asked for, or null
 * @param holders ids of the chunks that hold the phrase whole
 * @param split ids of two neighbouring chunks that hold it only together (empty unless so)
 */
record DocumentChunks(List<SearchHit> chunks, String expectText, List<String> holders, List<String> split) {
    /** Most chunks of one document read (the index's deepest search). */
    static final int MOST = 1000;

    static DocumentChunks of(DiagnosisSignals kb, DocumentRecord d, String question, String expectText) {
        // The document's own chunks: a dense search limited to its source and path, without access
        // limits (this is the knowledge base looking at itself; nothing of it reaches a viewer who may
        // not read the document).
        SearchFilters only = new SearchFilters(List.of(d.source()), d.path(), List.of());
        List<SearchHit> chunks =
                new ArrayList<>(kb.search(new SearchRequest(question, SearchMode.DENSE, MOST, only)).stream()
                        .filter(h -> h.documentUri().equals(d.uri()))
                        .toList());
        chunks.sort(Comparator.comparingInt(SearchHit::ordinal));
        List<String> holders = new ArrayList<>();
        List<String> split = new ArrayList<>();
        if (expectText != null) {
            String needle = Findings.normalize(expectText);
            for (SearchHit h : chunks) {
                if (Findings.normalize(h.text()).contains(needle)) {
                    holders.add(h.chunkId());
                }
            }
            for (int i = 0; holders.isEmpty() && i + 1 < chunks.size(); i++) {
                String joined = Findings.normalize(
                        chunks.get(i).text() + " " + chunks.get(i + 1).text());
                if (joined.contains(needle)) {
                    split.add(chunks.get(i).chunkId());
                    split.add(chunks.get(i + 1).chunkId());
                }
            }
        }
        return new DocumentChunks(List.copyOf(chunks), expectText, List.copyOf(holders), List.copyOf(split));
    }

    /** True when a phrase was asked for and the indexed document does not hold it, whole or split. */
    boolean textMissing() {
        return expectText != null && holders.isEmpty() && split.isEmpty();
    }

    boolean isSplit() {
        return !split.isEmpty();
    }

    List<String> ids() {
        return chunks.stream().map(SearchHit::chunkId).toList();
    }

    /** The chunk the phrase lies in (or starts in), else null. */
    SearchHit holder() {
        String id = !holders.isEmpty() ? holders.getFirst() : !split.isEmpty() ? split.getFirst() : null;
        return chunks.stream().filter(h -> h.chunkId().equals(id)).findFirst().orElse(null);
    }
}
