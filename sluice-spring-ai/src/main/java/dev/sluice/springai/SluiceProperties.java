package dev.sluice.springai;

import dev.sluice.client.Filters;
import dev.sluice.client.Mode;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code sluice.*} properties of {@link SluiceAutoConfiguration}: where the knowledge base is (an
 * index folder, or a service and its key) and how to search it.
 *
 * @param index embedded: the index folder {@code sluice ingest} wrote (needs sluice-embedded on the class path)
 * @param config embedded: a sluice.yaml whose retrieval settings apply (optional)
 * @param url remote: the service's address, such as {@code http://127.0.0.1:7878}
 * @param apiKey remote: the API key with the {@code query} scope; {@code ${SLUICE_API_KEY}} keeps it out of files
 * @param mode bm25, dense or hybrid (default hybrid)
 * @param k chunks per question, 1 to 1000 (default 5)
 * @param minScore drop chunks scoring below this, on the mode's scale (default: keep all)
 * @param filters what to keep, inside the search
 */
@ConfigurationProperties("sluice")
public record SluiceProperties(
        String index,
        String config,
        String url,
        String apiKey,
        @DefaultValue("hybrid") Mode mode,
        @DefaultValue("5") int k,
        Double minScore,
        @DefaultValue FilterProperties filters) {

    /** The properties with the API key masked, so that logging them never leaks it. */
    @Override
    public String toString() {
        return "SluiceProperties[index=" + index + ", config=" + config + ", url=" + url + ", apiKey="
                + (apiKey == null || apiKey.isBlank() ? "(none)" : "****") + ", mode=" + mode + ", k=" + k
                + ", minScore=" + minScore + ", filters=" + filters + "]";
    }

    /**
     * {@code sluice.filters.*}, as {@code /v1/search} takes them.
     *
     * @param sources keep chunks of any of these sources
     * @param path keep chunks whose source-relative path matches this glob
     * @param types keep chunks of any of these document types
     * @param issuers keep chunks of documents issued by any of these names
     * @param year keep chunks of documents whose period ends in this year (0: all)
     * @param metadata keep chunks of documents whose transform field has one of the values
     *     ({@code sluice.filters.metadata.doctype=policy})
     */
    public record FilterProperties(
            List<String> sources,
            String path,
            List<String> types,
            List<String> issuers,
            @DefaultValue("0") int year,
            Map<String, List<String>> metadata) {

        Filters toFilters() {
            try {
                return new Filters(sources, path, types, issuers, year, metadata);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sluice.filters: " + e.getMessage());
            }
        }
    }
}
