package dev.sluice.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a listwise reranking reply is read: strictly, never losing a passage. */
class RerankReplyTest {
    @Test
    void should_read_numbers_separated_by_commas_brackets_arrows_or_lines() {
        assertThat(RerankReply.parse("3, 1, 2", 3).order()).containsExactly(2, 0, 1);
        assertThat(RerankReply.parse("[3] > [1] > [2]", 3).order()).containsExactly(2, 0, 1);
        assertThat(RerankReply.parse("3\n1\n2\n", 3).order()).containsExactly(2, 0, 1);
        assertThat(RerankReply.parse("```\n2, 3, 1\n```", 3).order()).containsExactly(1, 2, 0);
        assertThat(RerankReply.parse("2, 3, 1.", 3).order()).containsExactly(1, 2, 0);
    }

    @Test
    void should_put_the_passages_the_reply_leaves_out_after_the_named_ones_in_their_original_order() {
        RerankReply.Parsed parsed = RerankReply.parse("4, 2", 5);

        assertThat(parsed.order()).containsExactly(3, 1, 0, 2, 4);
        assertThat(parsed.placed()).isEqualTo(2);
        assertThat(parsed.ignored()).isZero();
    }

    @Test
    void should_ignore_numbers_outside_the_passages_and_repeats() {
        RerankReply.Parsed parsed = RerankReply.parse("7, 2, 0, 2, 99, 1", 3);

        assertThat(parsed.usable()).isTrue();
        assertThat(parsed.order()).containsExactly(1, 0, 2);
        assertThat(parsed.ignored()).isEqualTo(4);
    }

    @Test
    void should_refuse_a_reply_with_words_even_when_it_holds_numbers() {
        RerankReply.Parsed parsed = RerankReply.parse("Passage 3 is best (it cites the 2019 report), then 1.", 3);

        assertThat(parsed.usable()).isFalse();
        assertThat(parsed.order()).isEmpty();
        assertThat(parsed.problem()).startsWith("the reply is not a list of passage numbers: 'Passage 3 is best");
    }

    @Test
    void should_refuse_an_empty_reply_and_one_that_names_no_passage() {
        assertThat(RerankReply.parse("  ", 3).problem()).isEqualTo("the reply is empty");
        assertThat(RerankReply.parse(null, 3).problem()).isEqualTo("the reply is empty");
        assertThat(RerankReply.parse("0, 9", 3).problem()).isEqualTo("the reply names no passage from 1 to 3: '0, 9'");
    }

    /** Whatever the model writes, a usable reply places every passage exactly once. */
    @Test
    void should_place_every_passage_exactly_once_for_any_reply_of_numbers() {
        long seed = Seeds.seed("RerankReplyTest");
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            int passages = 2 + random.nextInt(30);
            List<String> numbers = new ArrayList<>();
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                numbers.add(Integer.toString(random.nextInt(passages + 5)));
            }
            String reply = String.join(random.nextBoolean() ? ", " : " > ", numbers);
            RerankReply.Parsed parsed = RerankReply.parse(reply, passages);
            if (parsed.usable()) {
                assertThat(parsed.order())
                        .as("reply '%s' over %d passages, %s", reply, passages, Seeds.describe(seed))
                        .containsExactlyInAnyOrderElementsOf(
                                IntStream.range(0, passages).boxed().toList());
            } else {
                assertThat(numbers)
                        .as("only a reply naming no passage is refused: '%s', %s", reply, Seeds.describe(seed))
                        .allSatisfy(n -> assertThat(Integer.parseInt(n) < 1 || Integer.parseInt(n) > passages)
                                .isTrue());
            }
        }
    }
}
