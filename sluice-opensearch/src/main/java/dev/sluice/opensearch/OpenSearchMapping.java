package dev.sluice.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.chunk.Chunk;
import dev.sluice.enrich.DocumentAttributes;
import dev.sluice.index.ChunkDocuments;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexFields;
import dev.sluice.index.IndexLanguage;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenSearch index of one generation: its settings, its mapping (the fields {@link IndexFields}
 * names, as {@code ChunkDocuments} writes them into Lucene) and the JSON document of one chunk.
 *
 * <p>Choices, and why:
 *
 * <ul>
 *   <li>One shard, no replica by default: BM25 statistics are then exact (one shard's term statistics are
 *       the index's), as in the embedded index; a cluster adds replicas with {@code index.replicas}.
 *   <li>{@code refresh_interval: -1}: searches see writes only after an explicit {@code _refresh}, which only
 *       the writer's {@code commit()} and {@code refresh()} send; see {@link OpenSearchIndex} for atomicity.
 *   <li>The BM25 field is analyzed by {@code sluice_body}, OpenSearch's built-in language analyzer of the
 *       index's {@link IndexLanguage}: each is Lucene's own analyzer class with its default stop words and
 *       stemmer, as {@code dev.sluice.index.Analyzers} uses (checked term by term by
 *       {@code AnalyzerParityEngineIT}). Queries are analyzed in Java anyway and sent as term queries.
 *   <li>The vector is HNSW on the Lucene engine with inner product (vectors are unit length): the default
 *       faiss engine needs native libraries the plugin zip lacks and crashes the node.
 *   <li>The settings ({@link IndexSettings#toCommitData}, the same keys a Lucene commit records) sit in the
 *       mapping's {@code _meta}.
 * </ul>
 */
final class OpenSearchMapping {
    static final String ANALYZER = "sluice_body";
    /** How many chunks one document may have and a search or {@code chunksOf} may return. */
    static final int MAX_RESULT_WINDOW = 100_000;

    private OpenSearchMapping() {}

    /** OpenSearch's built-in analyzer reproducing {@code Analyzers.create(language)}. */
    static String analyzerType(IndexLanguage language) {
        return switch (language) {
            case EN -> "english";
            case DE -> "german";
            case FR -> "french";
            case ES -> "spanish";
            case IT -> "italian";
            case PT -> "portuguese";
            case NL -> "dutch";
            case SV -> "swedish";
            case RU -> "russian";
            case AR -> "arabic";
            case ZH, JA, KO -> "cjk";
            case STANDARD -> "standard";
        };
    }

    /** The body of {@code PUT /<index>}: settings, analysis and mapping of one generation. */
    static ObjectNode createIndex(IndexSettings settings, int replicas) {
        ObjectNode body = OpenSearchHttp.object();
        ObjectNode index = body.putObject("settings").putObject("index");
        index.put("number_of_shards", 1);
        index.put("number_of_replicas", replicas);
        index.put("knn", true);
        index.put("refresh_interval", "-1");
        index.put("max_result_window", MAX_RESULT_WINDOW);
        index.putObject("analysis")
                .putObject("analyzer")
                .putObject(ANALYZER)
                .put("type", analyzerType(settings.language()));
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        ObjectNode meta = mappings.putObject("_meta");
        new TreeMap<>(settings.toCommitData()).forEach(meta::put);
        mappings.putObject("_source").putArray("excludes").add(IndexFields.BODY);
        mappings.putArray("dynamic_templates")
                .addObject()
                .putObject("transform_fields")
                .put("path_match", "meta.*")
                .putObject("mapping")
                .put("type", "keyword");
        ObjectNode properties = mappings.putObject("properties");
        for (String field : List.of(
                IndexFields.CHUNK_ID,
                IndexFields.DOC_URI,
                IndexFields.ACL,
                IndexFields.DOC_HASH,
                IndexFields.SOURCE,
                IndexFields.PATH,
                IndexFields.TYPE,
                IndexFields.MODEL_ID,
                IndexFields.DUPLICATE_OF,
                IndexFields.ATTR_ALIAS,
                IndexFields.ATTR_YEAR)) {
            properties.putObject(field).put("type", "keyword");
        }
        for (String field : List.of(IndexFields.ORDINAL, IndexFields.PAGE_END)) {
            properties.putObject(field).put("type", "integer");
        }
        for (String field : List.of(
                IndexFields.CHUNK_COUNT,
                IndexFields.PAGE_START,
                IndexFields.START,
                IndexFields.END,
                IndexFields.TOKENS)) {
            properties.putObject(field).put("type", "integer").put("index", false);
        }
        for (String field : List.of(
                IndexFields.TITLE,
                IndexFields.HEADING_PATH,
                IndexFields.TEXT,
                IndexFields.ENRICHMENT,
                IndexFields.METADATA,
                IndexFields.ATTRIBUTES,
                IndexFields.CONTENT_HASH,
                IndexFields.CHUNKER_VERSION,
                IndexFields.MODEL_VERSION)) {
            properties.putObject(field).put("type", "text").put("index", false);
        }
        properties.putObject("meta").put("type", "object").put("dynamic", true);
        properties.putObject(IndexFields.BODY).put("type", "text").put("analyzer", ANALYZER);
        ObjectNode vector = properties.putObject(IndexFields.VECTOR);
        vector.put("type", "knn_vector");
        vector.put("dimension", settings.dimensions());
        ObjectNode method = vector.putObject("method");
        method.put("name", "hnsw");
        method.put("engine", "lucene"); // never omit: the default faiss engine crashes a node without its libraries
        method.put("space_type", "innerproduct");
        // Lucene's own HNSW defaults, as the embedded index builds its graph.
        method.putObject("parameters").put("m", 16).put("ef_construction", 100);
        return body;
    }

    /** The JSON document of one chunk of {@code document}, one of {@code chunkCount}. */
    static ObjectNode chunk(DocumentInfo document, IndexedChunk indexed, int chunkCount, IndexSettings settings) {
        Chunk chunk = indexed.chunk();
        ObjectNode doc = OpenSearchHttp.object();
        doc.put(IndexFields.CHUNK_ID, chunk.id());
        doc.put(IndexFields.DOC_URI, document.uri());
        ArrayNode acl = doc.putArray(IndexFields.ACL);
        document.access().tokens().forEach(acl::add);
        doc.put(IndexFields.DOC_HASH, document.contentHash());
        doc.put(IndexFields.SOURCE, document.source());
        doc.put(IndexFields.PATH, document.path());
        doc.put(IndexFields.TYPE, document.type());
        doc.put(IndexFields.TITLE, document.title());
        doc.put(IndexFields.CHUNK_COUNT, chunkCount);
        doc.put(IndexFields.ORDINAL, chunk.ordinal());
        doc.put(IndexFields.HEADING_PATH, String.join(IndexFields.HEADING_SEPARATOR, chunk.headingPath()));
        doc.put(IndexFields.PAGE_START, chunk.pageStart());
        doc.put(IndexFields.PAGE_END, chunk.pageEnd());
        doc.put(IndexFields.START, chunk.start());
        doc.put(IndexFields.END, chunk.end());
        doc.put(IndexFields.TOKENS, chunk.tokenCount());
        doc.put(IndexFields.CONTENT_HASH, chunk.contentHash());
        doc.put(IndexFields.CHUNKER_VERSION, chunk.chunkerVersion());
        doc.put(IndexFields.MODEL_ID, settings.modelId());
        doc.put(IndexFields.MODEL_VERSION, settings.modelVersion());
        doc.put(IndexFields.TEXT, chunk.text());
        doc.put(IndexFields.BODY, ChunkDocuments.body(document, indexed));
        if (!indexed.enrichment().isEmpty()) {
            doc.put(IndexFields.ENRICHMENT, indexed.enrichment());
        }
        DocumentAttributes attributes = document.attributes();
        if (!attributes.isEmpty()) {
            StringBuilder stored = new StringBuilder();
            attributes
                    .toMap()
                    .forEach((k, v) -> stored.append(k).append('=').append(v).append('\n'));
            doc.put(IndexFields.ATTRIBUTES, stored.toString());
            ArrayNode aliases = doc.putArray(IndexFields.ATTR_ALIAS);
            attributes.aliases().forEach(aliases::add);
            if (attributes.year() > 0) {
                doc.put(IndexFields.ATTR_YEAR, Integer.toString(attributes.year()));
            }
        }
        if (document.duplicateOf() != null) {
            doc.put(IndexFields.DUPLICATE_OF, document.duplicateOf());
        }
        if (!document.metadata().isEmpty()) {
            StringBuilder stored = new StringBuilder();
            ObjectNode meta = doc.putObject("meta");
            for (Map.Entry<String, List<String>> field : new TreeMap<>(document.metadata()).entrySet()) {
                ArrayNode values = meta.putArray(field.getKey());
                for (String value : field.getValue()) {
                    stored.append(field.getKey())
                            .append('=')
                            .append(value.replace('\n', ' '))
                            .append('\n');
                    values.add(value);
                }
            }
            doc.put(IndexFields.METADATA, stored.toString());
        }
        ArrayNode vector = doc.putArray(IndexFields.VECTOR);
        for (float v : indexed.vector()) {
            vector.add(v);
        }
        return doc;
    }
}
