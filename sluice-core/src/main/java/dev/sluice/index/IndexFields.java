package dev.sluice.index;

/** Names of the Lucene fields Sluice writes; retrieval reads the same names. */
public final class IndexFields {
    private IndexFields() {}

    public static final String CHUNK_ID = "chunk_id";
    public static final String DOC_URI = "doc_uri";
    /** Access tokens of the chunk's document (see {@code AccessList}), indexed, not stored. */
    public static final String ACL = "acl";

    public static final String DOC_HASH = "doc_hash";
    public static final String CHUNK_COUNT = "chunk_count";
    public static final String ORDINAL = "ordinal";
    public static final String SOURCE = "source";
    public static final String PATH = "path";
    public static final String TYPE = "type";
    public static final String TITLE = "title";
    public static final String HEADING_PATH = "heading_path";
    public static final String PAGE_START = "page_start";
    public static final String PAGE_END = "page_end";
    public static final String START = "start";
    public static final String END = "end";
    public static final String TOKENS = "tokens";
    public static final String CONTENT_HASH = "content_hash";
    public static final String CHUNKER_VERSION = "chunker_version";
    public static final String MODEL_ID = "model_id";
    public static final String MODEL_VERSION = "model_version";
    /** Stored chunk text, exactly the normalized text between start and end. */
    public static final String TEXT = "text";

    /** Text transforms wrote for a chunk (context line, questions): searched in the body, stored for lineage. */
    public static final String ENRICHMENT = "enrichment";

    /** The canonical document a near-duplicate collapses into in results (indexed and stored); absent otherwise. */
    public static final String DUPLICATE_OF = "duplicate_of";

    /** Fields transforms added, stored as {@code name=value} lines; each also indexed as {@code meta.NAME} for filters. */
    public static final String METADATA = "metadata";

    /** The prefix of a transform field's indexed name: {@code meta.doctype}. */
    public static final String METADATA_PREFIX = "meta.";
    /** The document's attributes (issuer, type, period) as JSON-free "key=value" lines, stored. */
    public static final String ATTRIBUTES = "attributes";
    /** Each lower-case name of the document's issuer, indexed for matching questions that name it. */
    public static final String ATTR_ALIAS = "attr_alias";
    /** The year of the document's period, indexed. */
    public static final String ATTR_YEAR = "attr_year";
    /** BM25 field: title, heading path and chunk text, analyzed, not stored. */
    public static final String BODY = "body";

    public static final String VECTOR = "vector";

    /** Separator between headings in the stored heading path. */
    public static final String HEADING_SEPARATOR = " > ";
}
