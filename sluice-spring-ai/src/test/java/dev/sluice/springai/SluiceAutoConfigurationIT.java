package dev.sluice.springai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.testkit.TopicNotes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.retrieval.search.DocumentRetriever;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration in a real Spring context, over a real embedded index of five notes (real model,
 * Lucene and SQLite): when it makes the retriever, when it backs off, and what a bad property says.
 */
class SluiceAutoConfigurationIT {
    private static final List<String> TOPICS = List.of("volcano", "glacier", "penguin", "espresso", "compass");

    @TempDir
    static Path work;

    private static Path index;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class));

    @BeforeAll
    static void ingest() {
        index = work.resolve("index");
        Sluice.ingest(
                IngestOptions.defaults(List.of(TopicNotes.write(work.resolve("notes"), TOPICS)), index),
                ProgressListener.NONE);
    }

    @Test
    void should_make_a_retriever_returning_scored_documents_with_metadata_when_sluice_index_is_set() {
        runner.withPropertyValues("sluice.index=" + index, "sluice.mode=dense", "sluice.k=3")
                .run(context -> {
                    assertThat(context).hasSingleBean(DocumentRetriever.class);
                    List<Document> docs =
                            context.getBean(DocumentRetriever.class).retrieve(new Query("where is a glacier found"));
                    assertThat(docs).hasSize(3);
                    Document top = docs.getFirst();
                    assertThat(top.getText()).contains("where a glacier is found");
                    assertThat(top.getId()).isEqualTo(top.getMetadata().get(SluiceDocumentRetriever.CHUNK_ID));
                    assertThat(top.getScore()).isGreaterThan(docs.get(1).getScore());
                    assertThat(top.getMetadata())
                            .containsEntry(SluiceDocumentRetriever.PATH, "glacier.md")
                            .containsEntry(SluiceDocumentRetriever.SECTION, "The glacier")
                            .containsEntry(SluiceDocumentRetriever.RANK, 1)
                            .containsEntry(SluiceDocumentRetriever.SCORE, top.getScore())
                            .containsKeys(
                                    SluiceDocumentRetriever.DOCUMENT_ID,
                                    SluiceDocumentRetriever.SOURCE,
                                    SluiceDocumentRetriever.TITLE,
                                    SluiceDocumentRetriever.CITATION)
                            .doesNotContainKey(SluiceDocumentRetriever.PAGE);
                    assertThat((String) top.getMetadata().get(SluiceDocumentRetriever.DOCUMENT_ID))
                            .endsWith("glacier.md");
                });
    }

    @Test
    void should_bind_filters_and_min_score_from_properties() {
        runner.withPropertyValues(
                        "sluice.index=" + index,
                        "sluice.mode=bm25",
                        "sluice.filters.path=e*.md",
                        "sluice.filters.types=markdown,text")
                .run(context -> assertThat(context.getBean(DocumentRetriever.class)
                                .retrieve(new Query("where is a glacier found")))
                        .extracting(d -> d.getMetadata().get(SluiceDocumentRetriever.PATH))
                        .containsExactly("espresso.md"));
        runner.withPropertyValues("sluice.index=" + index, "sluice.mode=dense", "sluice.min-score=2.0")
                .run(context -> assertThat(context.getBean(DocumentRetriever.class)
                                .retrieve(new Query("where is a glacier found")))
                        .as("no cosine similarity reaches 2")
                        .isEmpty());
    }

    @Test
    void should_back_off_when_the_application_defines_its_own_retriever_or_names_no_knowledge_base() {
        DocumentRetriever mine = query -> List.of();
        runner.withPropertyValues("sluice.index=" + index)
                .withBean(DocumentRetriever.class, () -> mine)
                .run(context ->
                        assertThat(context.getBean(DocumentRetriever.class)).isSameAs(mine));
        runner.run(context -> assertThat(context).doesNotHaveBean(DocumentRetriever.class));
    }

    @Test
    void should_stop_start_up_naming_the_property_when_a_setting_is_wrong() {
        runner.withPropertyValues("sluice.index=" + index, "sluice.url=http://127.0.0.1:7878")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("set sluice.index (an index folder, embedded) or sluice.url")
                        .hasMessageContaining("not both"));
        runner.withPropertyValues("sluice.url=http://127.0.0.1:7878")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("sluice.api-key is required with sluice.url"));
        runner.withPropertyValues("sluice.index=" + index, "sluice.k=0")
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessage("sluice.k must be from 1 to 1000, got 0"));
        runner.withPropertyValues("sluice.index=" + work.resolve("nowhere"))
                .run(context -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .hasMessageContaining("sluice.index: index must be a folder that holds a Sluice index"));
    }

    @Test
    void should_mask_the_api_key_when_the_properties_are_printed() {
        SluiceProperties p = new SluiceProperties(
                null,
                null,
                "http://127.0.0.1:7878",
                "sk_sluice_0123456789abcdef_secret",
                dev.sluice.client.Mode.HYBRID,
                5,
                null,
                new SluiceProperties.FilterProperties(null, null, null, null, 0, null));
        assertThat(p.toString()).contains("apiKey=****").doesNotContain("secret");
    }
}
