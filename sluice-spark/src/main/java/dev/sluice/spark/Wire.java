package dev.sluice.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.core.AccessList;
import dev.sluice.core.SluiceException;
import dev.sluice.ingest.RemoteDocument;
import dev.sluice.quality.QualityStore;
import dev.sluice.source.SourceItem;
import java.util.List;

/**
 * How documents travel between the driver and the executors: as JSON text, one string per document, so
 * that the core's records need not be {@link java.io.Serializable} and Spark's default serializer carries
 * plain strings. Floats round-trip exactly (shortest decimal form), so a vector made on an executor is
 * the one the model gave.
 */
final class Wire {
    /** One document for an executor: the listed item and who may read it (its own list, else its source's). */
    record Task(SourceItem item, AccessList access) {}

    /** The signatures of documents already indexed, for the executors' duplicate checks. */
    record Signatures(List<QualityStore.StoredSignature> known) {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Wire() {}

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SluiceException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SluiceException("cannot decode a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    static RemoteDocument document(String json) {
        return read(json, RemoteDocument.class);
    }
}
