package dev.sluice.index;

import dev.sluice.chunk.Chunk;
import dev.sluice.enrich.ChunkContext;
import dev.sluice.enrich.DocumentAttributes;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Builds the Lucene document of one chunk: the fields {@link IndexFields} names, what each serves
 * (BM25 text, HNSW vector, filters, stored values for citations) and how each is written. Searches read
 * these fields back by the same names, so a field added here is named in {@code IndexFields} first.
 */
public final class ChunkDocuments {
    private ChunkDocuments() {}

    /**
     * The text of the BM25 field {@link IndexFields#BODY}: title, the chunk's context header (or heading path),
     * its text and its enrichment. Public so that every index backend searches the same words.
     */
    public static String body(DocumentInfo document, IndexedChunk indexed) {
        Chunk chunk = indexed.chunk();
        String headingPath = String.join(IndexFields.HEADING_SEPARATOR, chunk.headingPath());
        String header = ChunkContext.header(document.attributes(), chunk.headingPath());
        return document.title() + "\n" + (header.isEmpty() ? headingPath : header) + "\n" + chunk.text()
                + (indexed.enrichment().isEmpty() ? "" : "\n" + indexed.enrichment());
    }

    /** The Lucene document of one chunk of {@code document}, one of {@code chunkCount}, embedded as {@code settings} say. */
    static Document of(DocumentInfo document, IndexedChunk indexed, int chunkCount, IndexSettings settings) {
        Chunk chunk = indexed.chunk();
        String headingPath = String.join(IndexFields.HEADING_SEPARATOR, chunk.headingPath());
        Document doc = new Document();
        doc.add(new StringField(IndexFields.CHUNK_ID, chunk.id(), Field.Store.YES));
        doc.add(new StringField(IndexFields.DOC_URI, document.uri(), Field.Store.YES));
        for (String token : document.access().tokens()) {
            doc.add(new StringField(IndexFields.ACL, token, Field.Store.NO));
        }
        doc.add(new StringField(IndexFields.DOC_HASH, document.contentHash(), Field.Store.YES));
        doc.add(new StringField(IndexFields.SOURCE, document.source(), Field.Store.YES));
        doc.add(new StringField(IndexFields.PATH, document.path(), Field.Store.YES));
        doc.add(new StringField(IndexFields.TYPE, document.type(), Field.Store.YES));
        doc.add(new StoredField(IndexFields.TITLE, document.title()));
        doc.add(new StoredField(IndexFields.CHUNK_COUNT, chunkCount));
        doc.add(new StoredField(IndexFields.ORDINAL, chunk.ordinal()));
        doc.add(new StoredField(IndexFields.HEADING_PATH, headingPath));
        doc.add(new StoredField(IndexFields.PAGE_START, chunk.pageStart()));
        doc.add(new StoredField(IndexFields.PAGE_END, chunk.pageEnd()));
        doc.add(new StoredField(IndexFields.START, chunk.start()));
        doc.add(new StoredField(IndexFields.END, chunk.end()));
        doc.add(new StoredField(IndexFields.TOKENS, chunk.tokenCount()));
        doc.add(new StoredField(IndexFields.CONTENT_HASH, chunk.contentHash()));
        doc.add(new StoredField(IndexFields.CHUNKER_VERSION, chunk.chunkerVersion()));
        doc.add(new StringField(IndexFields.MODEL_ID, settings.modelId(), Field.Store.YES));
        doc.add(new StoredField(IndexFields.MODEL_VERSION, settings.modelVersion()));
        doc.add(new StoredField(IndexFields.TEXT, chunk.text()));
        DocumentAttributes attributes = document.attributes();
        doc.add(new TextField(IndexFields.BODY, body(document, indexed), Field.Store.NO));
        if (!indexed.enrichment().isEmpty()) {
            doc.add(new StoredField(IndexFields.ENRICHMENT, indexed.enrichment()));
        }
        if (!attributes.isEmpty()) {
            StringBuilder stored = new StringBuilder();
            attributes
                    .toMap()
                    .forEach((k, v) -> stored.append(k).append('=').append(v).append('\n'));
            doc.add(new StoredField(IndexFields.ATTRIBUTES, stored.toString()));
            for (String alias : attributes.aliases()) {
                doc.add(new StringField(IndexFields.ATTR_ALIAS, alias, Field.Store.NO));
            }
            if (attributes.year() > 0) {
                doc.add(new StringField(IndexFields.ATTR_YEAR, Integer.toString(attributes.year()), Field.Store.NO));
            }
        }
        if (document.duplicateOf() != null) {
            doc.add(new StringField(IndexFields.DUPLICATE_OF, document.duplicateOf(), Field.Store.YES));
        }
        if (!document.metadata().isEmpty()) {
            StringBuilder stored = new StringBuilder();
            new TreeMap<>(document.metadata()).forEach((name, values) -> {
                for (String value : values) {
                    stored.append(name)
                            .append('=')
                            .append(value.replace('\n', ' '))
                            .append('\n');
                    doc.add(new StringField(IndexFields.METADATA_PREFIX + name, value, Field.Store.NO));
                }
            });
            doc.add(new StoredField(IndexFields.METADATA, stored.toString()));
        }
        doc.add(new KnnFloatVectorField(IndexFields.VECTOR, indexed.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }
}
