package dev.sluice.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hit's identity and citation as one flat map, under the keys both framework adapters publish (their
 * {@code DOCUMENT_ID}, {@code CHUNK_ID}, ... constants are these): what a LangChain4j {@code
 * TextSegment} or a Spring AI {@code Document} carries as metadata. No value is null (both frameworks
 * refuse nulls): {@code section} and {@code page} are absent when the chunk has none.
 */
public final class HitMetadata {
    public static final String DOCUMENT_ID = "document_id";
    public static final String CHUNK_ID = "chunk_id";
    public static final String SOURCE = "source";
    public static final String PATH = "path";
    public static final String TITLE = "title";
    public static final String SECTION = "section";
    public static final String PAGE = "page";
    public static final String CITATION = "citation";
    public static final String RANK = "rank";
    public static final String SCORE = "score";

    private HitMetadata() {}

    /** The metadata of one hit, in the order above. */
    public static Map<String, Object> of(Hit hit) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, DOCUMENT_ID, hit.documentId());
        put(m, CHUNK_ID, hit.chunkId());
        put(m, SOURCE, hit.source());
        put(m, PATH, hit.path());
        put(m, TITLE, hit.title());
        put(m, SECTION, hit.section());
        put(m, CITATION, hit.citation());
        if (hit.pageStart() > 0) {
            m.put(PAGE, hit.pageStart());
        }
        m.put(RANK, hit.rank());
        m.put(SCORE, hit.score());
        return m;
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }
}
