package dev.sluice.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.api.Test;

class SearchFiltersTest {
    private static boolean matches(String glob, String path) {
        var automaton = Operations.determinize(new RegExp(SearchFilters.globToRegexp(glob)).toAutomaton(), 10_000);
        return new CharacterRunAutomaton(automaton).run(path);
    }

    @Test
    void should_match_star_within_one_folder_only() {
        assertThat(matches("docs/*.md", "docs/guide.md")).isTrue();
        assertThat(matches("docs/*.md", "docs/sub/guide.md")).isFalse();
    }

    @Test
    void should_match_double_star_across_folders_including_the_top_one() {
        assertThat(matches("**/*.pdf", "a/b/c.pdf")).isTrue();
        assertThat(matches("**/*.pdf", "c.pdf")).isTrue();
        assertThat(matches("docs/**", "docs/a/b.txt")).isTrue();
        assertThat(matches("**/*.pdf", "c.pdfx")).isFalse();
    }

    @Test
    void should_treat_regexp_characters_in_a_glob_literally() {
        assertThat(matches("notes (v1).txt", "notes (v1).txt")).isTrue();
        assertThat(matches("a.b", "axb")).isFalse();
    }

    @Test
    void should_have_no_query_when_empty() {
        assertThat(SearchFilters.NONE.toQuery()).isNull();
    }

    @Test
    void should_key_issuer_names_as_the_index_does_and_refuse_a_year_that_is_no_year() {
        assertThat(SearchFilters.NONE
                        .withDocuments(List.of("Lockheed Martin Corporation", "The Boeing Company", " "), 0)
                        .issuers())
                .containsExactly("lockheed martin", "boeing");
        assertThat(SearchFilters.NONE.withDocuments(List.of("3M"), 2018).isEmpty())
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SearchFilters.NONE.withDocuments(List.of(), 18))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("year must be a four-digit year such as 2018, got 18");
    }
}
