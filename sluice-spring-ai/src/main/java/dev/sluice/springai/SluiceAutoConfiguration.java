package dev.sluice.springai;

import java.nio.file.Path;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Makes a {@link SluiceDocumentRetriever} bean from the {@code sluice.*} properties when Spring AI's
 * {@link DocumentRetriever} is on the class path, {@code sluice.index} or {@code sluice.url} is set, and
 * the application defined no {@code DocumentRetriever} of its own. Settings are checked once, at start-up,
 * and a bad one stops the application with a message naming the property.
 */
@AutoConfiguration
@ConditionalOnClass(DocumentRetriever.class)
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DocumentRetriever.class)
    @Conditional(IndexOrUrl.class)
    SluiceDocumentRetriever sluiceDocumentRetriever(SluiceProperties p) {
        return retriever(p);
    }

    /** The retriever the properties describe; an {@link IllegalArgumentException} naming the property otherwise. */
    static SluiceDocumentRetriever retriever(SluiceProperties p) {
        boolean embedded = p.index() != null && !p.index().isBlank();
        boolean remote = p.url() != null && !p.url().isBlank();
        if (embedded == remote) {
            throw new IllegalArgumentException("set sluice.index (an index folder, embedded) or sluice.url (a Sluice "
                    + "service, remote), not " + (embedded ? "both" : "neither"));
        }
        if (p.config() != null && !embedded) {
            throw new IllegalArgumentException("sluice.config goes with sluice.index (embedded mode); remove it");
        }
        if (remote && (p.apiKey() == null || p.apiKey().isBlank())) {
            throw new IllegalArgumentException("sluice.api-key is required with sluice.url: create one with "
                    + "'sluice keys create --scopes query' and set sluice.api-key=${SLUICE_API_KEY}");
        }
        if (p.k() < 1 || p.k() > 1000) {
            throw new IllegalArgumentException("sluice.k must be from 1 to 1000, got " + p.k());
        }
        SluiceDocumentRetriever.Builder b = SluiceDocumentRetriever.builder()
                .mode(p.mode())
                .k(p.k())
                .filters(p.filters().toFilters());
        if (p.minScore() != null) {
            b.minScore(p.minScore());
        }
        try {
            return embedded
                    ? b.index(Path.of(p.index()))
                            .config(p.config() == null ? null : Path.of(p.config()))
                            .build()
                    : b.url(p.url()).apiKey(p.apiKey()).build();
        } catch (IllegalArgumentException e) {
            // the message is the cause's, under the property's name: what start-up failure reports first
            throw new IllegalArgumentException("sluice." + (embedded ? "index" : "url") + ": " + e.getMessage());
        }
    }

    /** {@code sluice.index} or {@code sluice.url} is set. */
    static final class IndexOrUrl extends AnyNestedCondition {
        IndexOrUrl() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "sluice", name = "index")
        static final class Index {}

        @ConditionalOnProperty(prefix = "sluice", name = "url")
        static final class Url {}
    }
}
