package dev.sluice.index;

import dev.sluice.core.SluiceException;
import java.util.Map;

/**
 * What an index is built with, stored in each Lucene commit. Vectors from different models never
 * share an index, nor do terms analyzed in different languages: opening an index for writing with
 * another model or language is refused (ingestion builds a new generation instead).
 *
 * @param modelId embedding model id
 * @param modelVersion embedding model version
 * @param dimensions vector dimensions
 * @param language the language the BM25 field is analyzed in ({@link IndexLanguage#DEFAULT} for an
 *     index that records none)
 */
public record IndexSettings(String modelId, String modelVersion, int dimensions, IndexLanguage language) {
    static final String KEY_MODEL_ID = "sluice.model.id";
    static final String KEY_MODEL_VERSION = "sluice.model.version";
    static final String KEY_DIMENSIONS = "sluice.model.dimensions";
    static final String KEY_LANGUAGE = "sluice.analyzer.language";

    public IndexSettings {
        language = language == null ? IndexLanguage.DEFAULT : language;
    }

    /** Settings of an index analyzed in English, the default. */
    public IndexSettings(String modelId, String modelVersion, int dimensions) {
        this(modelId, modelVersion, dimensions, IndexLanguage.DEFAULT);
    }

    /** These settings with the BM25 field analyzed in {@code other}. */
    public IndexSettings withLanguage(IndexLanguage other) {
        return new IndexSettings(modelId, modelVersion, dimensions, other);
    }

    /** Whether an index of {@code other} holds vectors of the same model as this one. */
    public boolean sameModel(IndexSettings other) {
        return modelId.equals(other.modelId)
                && modelVersion.equals(other.modelVersion)
                && dimensions == other.dimensions;
    }

    /** The settings as key-value pairs: a Lucene commit's user data, an OpenSearch index's {@code _meta}. */
    public Map<String, String> toCommitData() {
        return Map.of(
                KEY_MODEL_ID,
                modelId,
                KEY_MODEL_VERSION,
                modelVersion,
                KEY_DIMENSIONS,
                Integer.toString(dimensions),
                KEY_LANGUAGE,
                language.code());
    }

    /** The settings {@link #toCommitData} wrote; null when {@code data} records no model. */
    public static IndexSettings fromCommitData(Map<String, String> data) {
        if (!data.containsKey(KEY_MODEL_ID)) {
            return null;
        }
        String code = data.get(KEY_LANGUAGE);
        IndexLanguage language;
        try {
            language = code == null ? IndexLanguage.DEFAULT : IndexLanguage.of(code);
        } catch (IllegalArgumentException e) {
            throw new SluiceException("the index records the analysis language \"" + code
                    + "\", which this Sluice does not know (it knows " + IndexLanguage.supported()
                    + "); search it with the Sluice version that built it, or rebuild it in a new --index folder");
        }
        return new IndexSettings(
                data.get(KEY_MODEL_ID),
                data.get(KEY_MODEL_VERSION),
                Integer.parseInt(data.get(KEY_DIMENSIONS)),
                language);
    }
}
