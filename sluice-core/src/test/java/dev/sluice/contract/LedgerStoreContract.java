package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ProcessOwner;
import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmReservation;
import dev.sluice.llm.LlmSpendRow;
import dev.sluice.llm.LlmTotals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerStore} must do: exact sums, per key and per day, durable rows; reservations
 * that count until released, and stop counting when stale.
 */
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

    private static LlmReservation reservation(long at, String key, long picoUsd, ProcessOwner owner) {
        return new LlmReservation(at, key, picoUsd, at + DAY, owner);
    }

    /** This host and pid, started an hour before this process: the pid was reused, the owner is gone. */
    private static ProcessOwner gone() {
        ProcessOwner me = ProcessOwner.current();
        return new ProcessOwner(me.host(), me.pid(), me.startedMillis() - 3_600_000L);
    }

    @Test
    void should_count_open_reservations_beside_spend_until_they_are_released() {
        S ledger = open();
        ledger.recordLlmCall(call(DAY + 1, "k1", 100L, "ok"));
        long held =
                ledger.reserveLlmSpend(reservation(DAY + 2, "k1", 40L, ProcessOwner.current()), DAY, 0, standing -> {});
        ledger.reserveLlmSpend(reservation(DAY + 3, "k2", 7L, ProcessOwner.current()), DAY, 0, standing -> {});

        List<LedgerStore.Standing> seen = new ArrayList<>();
        ledger.reserveLlmSpend(reservation(DAY + 4, "k1", 1L, ProcessOwner.current()), DAY, 0, seen::add);
        assertThat(seen)
                .containsExactly(new LedgerStore.Standing(
                        new LedgerStore.Spend(100L, 47L),
                        new LedgerStore.Spend(100L, 47L),
                        new LedgerStore.Spend(100L, 40L),
                        new LedgerStore.Spend(100L, 40L)));
        assertThat(open().llmReservations())
                .as("another handle sees them")
                .extracting(LlmReservation::picoUsd)
                .containsExactly(40L, 7L, 1L);

        ledger.releaseLlmReservation(held);
        seen.clear();
        ledger.reserveLlmSpend(reservation(DAY + 5, "k1", 1L, ProcessOwner.current()), DAY, 0, seen::add);
        assertThat(seen.getFirst().keyDay()).isEqualTo(new LedgerStore.Spend(100L, 1L));
    }

    @Test
    void should_record_nothing_when_the_check_refuses() {
        S ledger = open();
        assertThatThrownBy(() ->
                        ledger.reserveLlmSpend(reservation(DAY, "k1", 5L, ProcessOwner.current()), 0, 0, standing -> {
                            throw new IllegalStateException("over budget");
                        }))
                .hasMessage("over budget");
        assertThat(ledger.llmReservations()).isEmpty();
    }

    @Test
    void should_stop_counting_a_reservation_whose_process_is_gone_or_whose_hold_has_expired() {
        S ledger = open();
        ProcessOwner elsewhere = new ProcessOwner("another-host", 4242, 1_000);
        ledger.reserveLlmSpend(reservation(DAY, "k1", 1_000L, gone()), 0, 0, standing -> {});
        ledger.reserveLlmSpend(new LlmReservation(DAY, "k1", 200L, DAY + 10, elsewhere), 0, 0, standing -> {});
        ledger.reserveLlmSpend(new LlmReservation(DAY, "k1", 30L, 3 * DAY, elsewhere), 0, 0, standing -> {});

        List<LedgerStore.Standing> seen = new ArrayList<>();
        ledger.reserveLlmSpend(reservation(DAY + 20, "k1", 4L, ProcessOwner.current()), 0, 0, seen::add);
        assertThat(seen.getFirst().day())
                .as("only the other host's reservation that has not expired counts: that host cannot be seen")
                .isEqualTo(new LedgerStore.Spend(0L, 30L));
        assertThat(ledger.llmReservations())
                .as("stale reservations are dropped")
                .extracting(LlmReservation::picoUsd)
                .containsExactly(30L, 4L);
    }

    @Test
    void should_count_a_reservation_in_the_day_and_month_its_call_started() {
        S ledger = open();
        ledger.reserveLlmSpend(reservation(DAY - 1, "k1", 9L, ProcessOwner.current()), 0, 0, standing -> {});
        List<LedgerStore.Standing> seen = new ArrayList<>();
        ledger.reserveLlmSpend(reservation(DAY + 1, "k1", 1L, ProcessOwner.current()), DAY, 0, seen::add);
        assertThat(seen.getFirst().day()).isEqualTo(new LedgerStore.Spend(0L, 0L));
        assertThat(seen.getFirst().month()).isEqualTo(new LedgerStore.Spend(0L, 9L));
    }
}
