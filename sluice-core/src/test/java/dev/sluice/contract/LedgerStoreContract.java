package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmSpendRow;
import dev.sluice.llm.LlmTotals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link LedgerStore} must do: exact sums, per key and per day, durable rows. */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class LedgerStoreContract<S extends LedgerStore & AutoCloseable> extends StoreFixture<S> {
    private static final long DAY = 86_400_000L;

    static LlmCallRecord call(long at, String key, long picoUsd, String outcome) {
        return new LlmCallRecord(
                0, at, "answer", "gpt-4o-mini", "answer@1", key, 100, 20, picoUsd, 12, outcome, 1, null);
    }

    @Test
    void should_sum_spend_exactly_since_a_time_for_one_key_or_all() {
        S ledger = open();
        ledger.recordLlmCall(call(1_000, "k1", 1_000_000_001L, "ok"));
        ledger.recordLlmCall(call(2_000, "k2", 2L, "ok"));
        ledger.recordLlmCall(call(3_000, "k1", 3L, "cache"));
        assertThat(ledger.llmSpendPicoUsd(0, null)).isEqualTo(1_000_000_006L);
        assertThat(ledger.llmSpendPicoUsd(0, "k1")).isEqualTo(1_000_000_004L);
        assertThat(ledger.llmSpendPicoUsd(2_000, null)).as("since is inclusive").isEqualTo(5L);
        assertThat(ledger.llmSpendPicoUsd(0, "nobody")).isZero();
    }

    @Test
    void should_keep_every_call_across_reopening_with_ids_and_totals() {
        long first = open().recordLlmCall(call(1_000, "none", 7L, "ok"));
        S again = open();
        long second = again.recordLlmCall(call(2_000, "none", 5L, "budget_exceeded"));
        assertThat(second).isGreaterThan(first);
        List<LlmCallRecord> calls = again.llmCalls(0);
        assertThat(calls).extracting(LlmCallRecord::outcome).containsExactly("ok", "budget_exceeded");
        LlmTotals totals = again.llmTotals();
        assertThat(totals.calls()).isEqualTo(2);
        assertThat(totals.inputTokens()).isEqualTo(200);
        assertThat(totals.outputTokens()).isEqualTo(40);
        assertThat(totals.picoUsd()).isEqualTo(12L);
    }

    @Test
    void should_group_spend_by_utc_day_model_purpose_and_outcome() {
        S ledger = open();
        ledger.recordLlmCall(call(DAY + 1, "none", 1L, "ok"));
        ledger.recordLlmCall(call(DAY + 2, "none", 2L, "ok"));
        ledger.recordLlmCall(call(2 * DAY + 1, "none", 4L, "ok"));
        List<LlmSpendRow> rows = ledger.llmSpendByDay(0);
        assertThat(rows).extracting(LlmSpendRow::day).containsExactly("1970-01-02", "1970-01-03");
        assertThat(rows.getFirst().calls()).isEqualTo(2);
        assertThat(rows.getFirst().costPicoUsd()).isEqualTo(3L);
    }
}
