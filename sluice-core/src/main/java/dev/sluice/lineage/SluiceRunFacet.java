package dev.sluice.lineage;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One of Sluice's own run facets ({@code sluice_ingest}, {@code sluice_quarantine}, {@code sluice_settings}):
 * the spec's base facet fields and the facet's own, in insertion order. Their schema is
 * docs/lineage/SluiceFacets.json; {@code _schemaURL} points there.
 */
@JsonPropertyOrder({"_producer", "_schemaURL"})
final class SluiceRunFacet implements OpenLineage.RunFacet {
    static final String SCHEMA_BASE =
            "https://github.com/sluice-dev/sluice/blob/main/docs/lineage/SluiceFacets.json#/$defs/";

    private final URI producer;
    private final URI schemaUrl;
    private final Map<String, Object> fields;

    SluiceRunFacet(URI producer, String definition, Map<String, Object> fields) {
        this.producer = producer;
        this.schemaUrl = URI.create(SCHEMA_BASE + definition);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    @JsonProperty("_producer")
    public URI get_producer() {
        return producer;
    }

    @Override
    @JsonProperty("_schemaURL")
    public URI get_schemaURL() {
        return schemaUrl;
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return fields;
    }
}
