package dev.sluice.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import dev.sluice.IngestOptions;
import dev.sluice.Sluice;
import dev.sluice.client.Filters;
import dev.sluice.client.Mode;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.testkit.TopicNotes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retriever over a real embedded index of five notes (real model, real Lucene and SQLite). */
class SluiceContentRetrieverIT {
    private static final List<String> TOPICS = List.of("volcano", "glacier", "penguin", "espresso", "compass");

    @TempDir
    static Path work;

    private static Path index;
    /** One knowledge base (one model load) for the tests that do not test opening one. */
    private static dev.sluice.embedded.EmbeddedHits shared;

    @BeforeAll
    static void ingest() {
        index = work.resolve("index");
        Sluice.ingest(
                IngestOptions.defaults(List.of(TopicNotes.write(work.resolve("notes"), TOPICS)), index),
                ProgressListener.NONE);
        shared = dev.sluice.embedded.EmbeddedHits.open(index, null);
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    @Test
    void should_return_contents_best_first_with_sluice_metadata_and_score_when_retrieving() {
        try (SluiceContentRetriever retriever = SluiceContentRetriever.builder()
                .index(index)
                .mode(Mode.DENSE)
                .k(3)
                .build()) {
            List<Content> contents = retriever.retrieve(Query.from("where is a glacier found"));
            assertThat(contents).hasSize(3);
            Content top = contents.getFirst();
            TextSegment segment = top.textSegment();
            assertThat(segment.text()).contains("where a glacier is found");
            assertThat(segment.metadata().getString(SluiceContentRetriever.DOCUMENT_ID))
                    .endsWith("glacier.md");
            assertThat(segment.metadata().getString(SluiceContentRetriever.PATH))
                    .isEqualTo("glacier.md");
            assertThat(segment.metadata().getString(SluiceContentRetriever.CHUNK_ID))
                    .isNotBlank();
            assertThat(segment.metadata().getString(SluiceContentRetriever.SOURCE))
                    .isNotBlank();
            assertThat(segment.metadata().getString(SluiceContentRetriever.TITLE))
                    .isNotBlank();
            assertThat(segment.metadata().getString(SluiceContentRetriever.SECTION))
                    .isEqualTo("The glacier");
            assertThat(segment.metadata().getString(SluiceContentRetriever.CITATION))
                    .startsWith("glacier.md");
            assertThat(segment.metadata().getInteger(SluiceContentRetriever.RANK))
                    .isEqualTo(1);
            assertThat(segment.metadata().containsKey(SluiceContentRetriever.PAGE))
                    .as("Markdown has no pages")
                    .isFalse();
            double score = (Double) top.metadata().get(ContentMetadata.SCORE);
            assertThat(segment.metadata().getDouble(SluiceContentRetriever.SCORE))
                    .isEqualTo(score);
            assertThat(score).isGreaterThan((Double) contents.get(1).metadata().get(ContentMetadata.SCORE));
        }
    }

    @Test
    void should_drop_contents_below_min_score_when_one_is_set() {
        try (SluiceContentRetriever all = SluiceContentRetriever.builder()
                        .hitSource(shared)
                        .mode(Mode.DENSE)
                        .k(5)
                        .build();
                SluiceContentRetriever strict = SluiceContentRetriever.builder()
                        .hitSource(shared)
                        .mode(Mode.DENSE)
                        .k(5)
                        .minScore(0.0)
                        .build()) {
            List<Content> every = all.retrieve(Query.from("where is a penguin found"));
            double top = (Double) every.getFirst().metadata().get(ContentMetadata.SCORE);
            double second = (Double) every.get(1).metadata().get(ContentMetadata.SCORE);
            try (SluiceContentRetriever above = SluiceContentRetriever.builder()
                    .hitSource(shared)
                    .mode(Mode.DENSE)
                    .k(5)
                    .minScore((top + second) / 2)
                    .build()) {
                assertThat(above.retrieve(Query.from("where is a penguin found")))
                        .extracting(c -> c.textSegment().metadata().getString(SluiceContentRetriever.PATH))
                        .containsExactly("penguin.md");
            }
            assertThat(strict.retrieve(Query.from("where is a penguin found"))).hasSameSizeAs(every);
        }
    }

    @Test
    void should_apply_filters_inside_the_search_when_given() {
        try (SluiceContentRetriever retriever = SluiceContentRetriever.builder()
                .hitSource(shared)
                .mode(Mode.HYBRID)
                .k(5)
                .filters(Filters.NONE.withPath("e*.md").withTypes("markdown"))
                .build()) {
            assertThat(retriever.retrieve(Query.from("where is a glacier found")))
                    .extracting(c -> c.textSegment().metadata().getString(SluiceContentRetriever.PATH))
                    .containsExactly("espresso.md");
        }
    }

    @Test
    void should_say_what_to_give_when_the_builder_names_no_or_two_places_to_search() {
        assertThatThrownBy(() -> SluiceContentRetriever.builder().build())
                .hasMessageContaining("give exactly one of index(Path) (embedded), url(String) (remote)");
        assertThatThrownBy(() -> SluiceContentRetriever.builder()
                        .index(index)
                        .url("http://127.0.0.1:7878")
                        .build())
                .hasMessageContaining("got 2");
        assertThatThrownBy(() -> SluiceContentRetriever.builder()
                        .index(work.resolve("missing"))
                        .build())
                .hasMessageContaining("index must be a folder that holds a Sluice index")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> SluiceContentRetriever.builder().k(0)).hasMessage("k must be from 1 to 1000, got 0");
    }
}
