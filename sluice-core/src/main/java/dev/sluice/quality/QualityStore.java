package dev.sluice.quality;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the checks' findings live (the catalog): per document, the latest checks and the shingle
 * signature near-duplicate detection compares; per source and run, the figures and the contract's results.
 * Implementations are thread-safe.
 */
public interface QualityStore {
    /** A document's stored signature, for rebuilding the near-duplicate index at the start of a run. */
    record StoredSignature(String uri, String contentHash, byte[] signature) {}

    /** Records (replacing) the checks of these documents, with their signatures by uri (absent: none). */
    void putChecks(Collection<DocumentChecks> checks, Map<String, StoredSignature> signatures);

    /** Forgets the checks of documents that left the knowledge base. */
    void removeChecks(Collection<String> uris);

    /** The latest checks of every document, by uri. */
    Map<String, DocumentChecks> checks();

    /** The latest checks of one document, or null. */
    DocumentChecks checks(String uri);

    /** The signatures of documents that were indexed (not quarantined) and duplicate none when last checked. */
    List<StoredSignature> signatures();

    /** Records each source's figures and contract results for a run. */
    void putSourceQuality(List<SourceQuality> rows);

    /** The figures of the last {@code runs} runs, newest first, of one source or (null) all. */
    List<SourceQuality> sourceQuality(String source, int runs);
}
