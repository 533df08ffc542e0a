package dev.sluice.index;

import java.util.Map;

/**
 * What an index is built with, stored in each Lucene commit. Vectors from different models never
 * share an index: opening an index with another model is refused.
 *
 * @param modelId embedding model id
 * @param modelVersion embedding model version
 * @param dimensions vector dimensions
 */
public record IndexSettings(String modelId, String modelVersion, int dimensions) {
    static final String KEY_MODEL_ID = "sluice.model.id";
    static final String KEY_MODEL_VERSION = "sluice.model.version";
    static final String KEY_DIMENSIONS = "sluice.model.dimensions";

    Map<String, String> toCommitData() {
        return Map.of(
                KEY_MODEL_ID, modelId, KEY_MODEL_VERSION, modelVersion, KEY_DIMENSIONS, Integer.toString(dimensions));
    }

    static IndexSettings fromCommitData(Map<String, String> data) {
        if (!data.containsKey(KEY_MODEL_ID)) {
            return null;
        }
        return new IndexSettings(
                data.get(KEY_MODEL_ID), data.get(KEY_MODEL_VERSION), Integer.parseInt(data.get(KEY_DIMENSIONS)));
    }
}
