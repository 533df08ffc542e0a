package dev.sluice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
    @Test
    void should_sort_by_score_descending_and_ignore_input_order() {
        Ranking ranking = Ranking.byScore(
                List.of(new ScoredDoc("low", 0.1), new ScoredDoc("high", 0.9), new ScoredDoc("mid", 0.5)));
        assertThat(ranking.docIds()).containsExactly("high", "mid", "low");
    }

    @Test
    void should_break_score_ties_by_decreasing_doc_id_as_trec_eval_does() {
        // strcmp(docno2, docno1): the larger id first; lexicographic, so "d7" > "d100" > "d10".
        Ranking ranking = Ranking.byScore(List.of(
                new ScoredDoc("a", 1), new ScoredDoc("d10", 1), new ScoredDoc("d7", 1), new ScoredDoc("d100", 1)));
        assertThat(ranking.docIds()).containsExactly("d7", "d100", "d10", "a");
    }

    @Test
    void should_compare_tied_ids_by_code_point_as_strcmp_on_utf8_does() {
        // U+FF21 (fullwidth A) is one UTF-16 unit 0xFF21; U+1F600 starts with the surrogate 0xD83D.
        // UTF-16 order puts the emoji first, code point (and UTF-8 byte) order puts it last.
        String fullwidth = "\uFF21";
        String emoji = "\uD83D\uDE00";
        assertThat(emoji.compareTo(fullwidth)).isNegative();
        Ranking ranking = Ranking.byScore(List.of(new ScoredDoc(fullwidth, 1), new ScoredDoc(emoji, 1)));
        assertThat(ranking.docIds()).containsExactly(emoji, fullwidth);
    }

    @Test
    void should_keep_the_first_highest_occurrence_of_a_duplicated_document() {
        Ranking ranking =
                Ranking.byScore(List.of(new ScoredDoc("a", 0.2), new ScoredDoc("b", 0.5), new ScoredDoc("a", 0.9)));
        assertThat(ranking.docs()).containsExactly(new ScoredDoc("a", 0.9), new ScoredDoc("b", 0.5));
    }

    @Test
    void should_keep_the_given_order_and_first_occurrences_in_order() {
        Ranking ranking = Ranking.inOrder(List.of("c", "a", "c", "b"));
        assertThat(ranking.docIds()).containsExactly("c", "a", "b");
        assertThat(Ranking.byScore(ranking.docs())).isEqualTo(ranking);
    }

    @Test
    void should_reject_a_nan_score_naming_the_document() {
        assertThatThrownBy(() -> new ScoredDoc("doc-7", Double.NaN)).hasMessageContaining("doc-7");
    }

    @Test
    void should_rank_each_document_once_at_its_best_chunk() {
        // chunk hits best first: doc-a's second chunk (0.5) must not push doc-c down
        Ranking ranking = DocumentRanking.fromChunkHits(List.of(
                new ScoredDoc("doc-a", 0.9),
                new ScoredDoc("doc-b", 0.8),
                new ScoredDoc("doc-a", 0.7),
                new ScoredDoc("doc-c", 0.6),
                new ScoredDoc("doc-b", 0.1)));
        assertThat(ranking.docs())
                .containsExactly(new ScoredDoc("doc-a", 0.9), new ScoredDoc("doc-b", 0.8), new ScoredDoc("doc-c", 0.6));
    }

    @Test
    void should_break_ties_between_documents_of_equal_best_chunks_as_trec_eval_does() {
        Ranking ranking = DocumentRanking.fromChunkHits(
                List.of(new ScoredDoc("doc-a", 0.5), new ScoredDoc("doc-b", 0.5), new ScoredDoc("doc-a", 0.4)));
        assertThat(ranking.docIds()).containsExactly("doc-b", "doc-a");
    }
}
