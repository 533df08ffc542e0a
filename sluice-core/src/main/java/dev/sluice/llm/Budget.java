package dev.sluice.llm;

import dev.sluice.core.ProcessOwner;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Spending limits per UTC day and month, over all calls and per API key, held by the ledger itself so
 * that they hold across every process sharing a catalog ({@code sluice serve} beside CLI asks and
 * evaluations) and under concurrent calls: a call reserves its worst-case cost in the ledger before it
 * is made, and releases the reservation after its ledger row (the real cost) is written. The
 * reservation is checked and recorded in one step no other process can come between ({@link
 * LedgerStore#reserveLlmSpend}); one that would take any limit past its figure is refused, and the
 * call is not made.
 *
 * <p>The rule, exact as long as each call's cost stays within its reservation: the ledger's spend of a
 * period never exceeds its limit. The reservation is the worst case only as far as the estimate of
 * input tokens holds (see {@link TokenEstimate}; output is capped by the request's max tokens), so a
 * call whose provider bills more input than estimated can take the period past its limit by that
 * excess, never by more; the next call then sees the real spend and is refused.
 *
 * <p>A reservation whose process died (SIGKILL in the middle of a call) stops counting at once on the
 * same host ({@link ProcessOwner#gone()}), and anywhere once its hold time (the longest its call can
 * take) has passed. Holds no state of its own: one budget, or many, may serve any number of gateways.
 * Thread-safe.
 */
public final class Budget {
    /**
     * Limits in picodollars; 0 means no limit.
     *
     * @param perKeyDailyPicoUsd applies to each key separately
     */
    public record Limits(long dailyPicoUsd, long monthlyPicoUsd, long perKeyDailyPicoUsd, long perKeyMonthlyPicoUsd) {
        public Limits {
            if (dailyPicoUsd < 0 || monthlyPicoUsd < 0 || perKeyDailyPicoUsd < 0 || perKeyMonthlyPicoUsd < 0) {
                throw new IllegalArgumentException("budget limits must be >= 0 (0 for none), got " + this);
            }
        }

        /** From US dollars ("5.00"); "0" or null for no limit. */
        public static Limits usd(String daily, String monthly, String perKeyDaily, String perKeyMonthly) {
            return new Limits(pico(daily), pico(monthly), pico(perKeyDaily), pico(perKeyMonthly));
        }

        public static Limits none() {
            return new Limits(0, 0, 0, 0);
        }

        private static long pico(String usd) {
            return usd == null ? 0 : new BigDecimal(usd).movePointRight(12).longValueExact();
        }
    }

    /** A held reservation; settle it exactly once, after the call's ledger row is written. */
    public static final class Reservation {
        private final long id; // 0: nothing recorded (no limit to hold)
        private final long picoUsd;
        private boolean settled;

        private Reservation(long id, long picoUsd) {
            this.id = id;
            this.picoUsd = picoUsd;
        }

        public long picoUsd() {
            return picoUsd;
        }
    }

    /** How long a reservation counts when the caller gives no hold time: longer than any call takes. */
    public static final long DEFAULT_HOLD_MILLIS = 3_600_000L;

    private final LedgerStore ledger;
    private final Limits limits;
    private final Clock clock;

    public Budget(LedgerStore ledger, Limits limits, Clock clock) {
        this.ledger = ledger;
        this.limits = limits;
        this.clock = clock;
    }

    public Budget(LedgerStore ledger, Limits limits) {
        this(ledger, limits, Clock.systemUTC());
    }

    public Limits limits() {
        return limits;
    }

    /** As {@link #reserve(String, long, long)}, held for {@link #DEFAULT_HOLD_MILLIS} at most. */
    public Reservation reserve(String keyId, long picoUsd) {
        return reserve(keyId, picoUsd, DEFAULT_HOLD_MILLIS);
    }

    /**
     * Reserves {@code picoUsd} for a call on {@code keyId}, in the ledger, against the spend and the open
     * reservations of every process sharing it.
     *
     * @param holdMillis the longest the call can take: past it, a reservation never settled (its process
     *     hung or is on another host and died) stops counting
     * @throws BudgetExceededException when any limit would be passed; nothing is then reserved
     */
    public Reservation reserve(String keyId, long picoUsd, long holdMillis) {
        if (limits.dailyPicoUsd() == 0
                && limits.monthlyPicoUsd() == 0
                && limits.perKeyDailyPicoUsd() == 0
                && limits.perKeyMonthlyPicoUsd() == 0) {
            return new Reservation(0, picoUsd); // nothing to hold: no row, no transaction
        }
        long now = clock.millis();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(now, 86_400_000L));
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long monthStart =
                day.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        LlmReservation row =
                new LlmReservation(now, keyId, picoUsd, now + Math.max(1, holdMillis), ProcessOwner.current());
        long id = ledger.reserveLlmSpend(row, dayStart, monthStart, standing -> {
            check("daily", "", standing.day(), picoUsd, limits.dailyPicoUsd());
            check("monthly", "", standing.month(), picoUsd, limits.monthlyPicoUsd());
            check("daily", keyId, standing.keyDay(), picoUsd, limits.perKeyDailyPicoUsd());
            check("monthly", keyId, standing.keyMonth(), picoUsd, limits.perKeyMonthlyPicoUsd());
        });
        return new Reservation(id, picoUsd);
    }

    /**
     * Releases {@code reservation}. Call it after the call's ledger row is written (the real cost, 0 for
     * a call that used nothing): in between, both count, so the budget errs on the side of refusing.
     */
    public void settle(Reservation reservation) {
        synchronized (reservation) {
            if (reservation.settled) {
                throw new IllegalStateException("reservation already settled");
            }
            reservation.settled = true;
        }
        if (reservation.id != 0) {
            ledger.releaseLlmReservation(reservation.id);
        }
    }

    private static void check(String period, String keyId, LedgerStore.Spend spend, long picoUsd, long limit) {
        if (limit > 0 && spend.total() + picoUsd > limit) {
            throw new BudgetExceededException(String.format(
                    Locale.ROOT,
                    "the %s LLM budget%s of %s USD would be exceeded (spent %s USD, %s USD reserved by calls in"
                            + " flight, this call may cost up to %s USD); raise llm.budget or wait for the next"
                            + " period",
                    period,
                    keyId.isEmpty() ? "" : " for key " + keyId,
                    usd(limit),
                    usd(spend.settledPicoUsd()),
                    usd(spend.reservedPicoUsd()),
                    usd(picoUsd)));
        }
    }

    private static String usd(long pico) {
        return BigDecimal.valueOf(pico).movePointLeft(12).stripTrailingZeros().toPlainString();
    }
}
