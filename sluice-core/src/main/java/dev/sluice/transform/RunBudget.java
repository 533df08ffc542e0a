package dev.sluice.transform;

import dev.sluice.llm.LedgerStore;
import java.time.Clock;

/**
 * The per-run and daily limits of transforms, checked before each item's call with its worst case
 * (the call and its one repair at their token ceilings). Once one check fails the run stops calling:
 * every later item is pending, so a run pauses at one clean point instead of squeezing cheap items
 * into the remainder. The daily limit reads the ledger's spend of the {@code transforms} key today
 * (every process's settled calls); the gateway's own budget reservation, with that limit per key,
 * holds it across processes for each single call. Thread-safe.
 */
final class RunBudget {
    private final long perRunPicoUsd;
    private final long dailyPicoUsd;
    private final LedgerStore ledger;
    private final Clock clock;
    private long spent;
    private long reserved;
    private volatile String stoppedBecause;

    RunBudget(long perRunPicoUsd, long dailyPicoUsd, LedgerStore ledger, Clock clock) {
        this.perRunPicoUsd = perRunPicoUsd;
        this.dailyPicoUsd = dailyPicoUsd;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Reserves {@code worstPicoUsd} for one item, or returns false (and stops the run) when a limit would pass. */
    synchronized boolean tryReserve(long worstPicoUsd) {
        if (stoppedBecause != null) {
            return false;
        }
        if (perRunPicoUsd > 0 && spent + reserved + worstPicoUsd > perRunPicoUsd) {
            stop("the per-run budget (transforms.budget.perRunUsd)");
            return false;
        }
        if (dailyPicoUsd > 0) {
            long now = clock.millis();
            long dayStart = Math.floorDiv(now, 86_400_000L) * 86_400_000L;
            long today = ledger.llmSpendPicoUsd(dayStart, Transforms.LEDGER_KEY);
            if (today + reserved + worstPicoUsd > dailyPicoUsd) {
                stop("the daily budget (transforms.budget.dailyUsd)");
                return false;
            }
        }
        reserved += worstPicoUsd;
        return true;
    }

    /** Releases a reservation and books what the item really cost. */
    synchronized void settle(long worstPicoUsd, long actualPicoUsd) {
        reserved -= worstPicoUsd;
        spent += actualPicoUsd;
    }

    /** Stops the run (a limit the gateway refused). */
    synchronized void stop(String why) {
        if (stoppedBecause == null) {
            stoppedBecause = why;
        }
    }

    /** Why the run stopped calling, or null while it has not. */
    String stoppedBecause() {
        return stoppedBecause;
    }
}
