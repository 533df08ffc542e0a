package dev.sluice.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrieverBuilderTest {
    /** The smallest adapter builder: what both framework adapters extend. */
    private static final class Probe extends RetrieverBuilder<Probe> {
        @Override
        protected Probe self() {
            return this;
        }

        @Override
        protected String artifact() {
            return "sluice-probe";
        }

        Settled build() {
            return settled();
        }
    }

    private static final HitSource EMPTY = q -> new SearchResults(q, List.of(), false, null);

    @Test
    void should_name_sluice_embedded_when_an_index_is_given_without_it_on_the_class_path() {
        // sluice-client's own tests have no sluice-embedded, so no LocalHitSource.Opener is registered
        assertThatThrownBy(() -> new Probe().index(Path.of(".sluice/index")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs dev.sluice:sluice-embedded on the class path")
                .hasMessageContaining("beside sluice-probe");
    }

    @Test
    void should_refuse_no_source_or_two_sources_and_settings_that_go_with_another_mode() {
        assertThatThrownBy(() -> new Probe().build()).hasMessageContaining("got 0");
        assertThatThrownBy(() ->
                        new Probe().hitSource(EMPTY).url("http://127.0.0.1:1").build())
                .hasMessageContaining("got 2");
        assertThatThrownBy(() -> new Probe().hitSource(EMPTY).apiKey("k").build())
                .hasMessage("apiKey goes with url(String); a client(...) carries its own key");
        assertThatThrownBy(() -> new Probe()
                        .hitSource(EMPTY)
                        .config(Path.of("sluice.yaml"))
                        .build())
                .hasMessage("config(Path) goes with index(Path) (embedded mode)");
        assertThatThrownBy(() -> new Probe().k(1001)).hasMessage("k must be from 1 to 1000, got 1001");
        assertThatThrownBy(() -> new Probe().minScore(Double.NaN)).hasMessage("minScore must be a number, got NaN");
    }

    @Test
    void should_leave_the_callers_source_open_and_carry_the_query_settings() {
        RetrieverBuilder.Settled settled = new Probe()
                .hitSource(EMPTY)
                .mode(Mode.BM25)
                .k(7)
                .filters(Filters.NONE.withSources("hr"))
                .build();

        assertThat(settled.closeOwned())
                .as("the caller's source is the caller's to close")
                .isNull();
        SearchQuery q = settled.query("parental leave");
        assertThat(q.mode()).isEqualTo(Mode.BM25);
        assertThat(q.k()).isEqualTo(7);
        assertThat(q.filters().sources()).containsExactly("hr");
        settled.close(); // nothing to close: must not throw
    }
}
