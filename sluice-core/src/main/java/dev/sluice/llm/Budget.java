package dev.sluice.llm;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Spending limits per UTC day and month, over all calls and per API key, that hold under concurrent
 * calls: a call reserves its worst-case cost before it is made and settles its real cost after. A
 * reservation that would take any limit past its figure is refused, and the call is not made.
 *
 * <p>Spend already in the ledger counts: a period's spend is read from the catalog when the budget
 * first sees that period (at start, at midnight UTC, at a new month, for a new key). One budget may
 * serve several gateways (one per provider or key). Thread-safe; every method is synchronized, which
 * is what makes reserve-then-settle exact.
 *
 * <p>The reserve is the worst case only as far as the estimate of input tokens holds (see
 * {@link TokenEstimate}); output is capped by the request's max tokens.
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

    /** A held reservation; settle it exactly once. */
    public static final class Reservation {
        private final String keyId;
        private final long picoUsd;
        private final LocalDate day;
        private boolean settled;

        private Reservation(String keyId, long picoUsd, LocalDate day) {
            this.keyId = keyId;
            this.picoUsd = picoUsd;
            this.day = day;
        }

        public long picoUsd() {
            return picoUsd;
        }
    }

    /** Spent (settled) and reserved (in flight) for one scope in the current day and month. */
    private static final class Spend {
        long day;
        long month;
        long reserved;
    }

    private final LedgerStore catalog;
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Spend> perKey = new HashMap<>();
    private Spend global;
    private LocalDate day;

    public Budget(LedgerStore catalog, Limits limits, Clock clock) {
        this.catalog = catalog;
        this.limits = limits;
        this.clock = clock;
    }

    public Budget(LedgerStore catalog, Limits limits) {
        this(catalog, limits, Clock.systemUTC());
    }

    /**
     * Reserves {@code picoUsd} for a call on {@code keyId}.
     *
     * @throws BudgetExceededException when any limit would be passed; nothing is then reserved
     */
    public synchronized Reservation reserve(String keyId, long picoUsd) {
        rollOver();
        Spend g = global();
        Spend k = key(keyId);
        check("daily", "", g.day + g.reserved + picoUsd, limits.dailyPicoUsd(), g.day);
        check("monthly", "", g.month + g.reserved + picoUsd, limits.monthlyPicoUsd(), g.month);
        check("daily", keyId, k.day + k.reserved + picoUsd, limits.perKeyDailyPicoUsd(), k.day);
        check("monthly", keyId, k.month + k.reserved + picoUsd, limits.perKeyMonthlyPicoUsd(), k.month);
        g.reserved += picoUsd;
        k.reserved += picoUsd;
        return new Reservation(keyId, picoUsd, day);
    }

    /** Releases {@code reservation} and books the real cost (0 for a call that used nothing). */
    public synchronized void settle(Reservation reservation, long actualPicoUsd) {
        if (reservation.settled) {
            throw new IllegalStateException("reservation already settled");
        }
        reservation.settled = true;
        rollOver();
        Spend g = global();
        Spend k = key(reservation.keyId);
        if (reservation.day.equals(day)) {
            g.reserved -= reservation.picoUsd;
            k.reserved -= reservation.picoUsd;
        }
        // A call that spans midnight is booked in the new period: the ledger row carries its start time,
        // so the next read from the catalog may place it in the old one. Either way nothing is lost.
        g.day += actualPicoUsd;
        g.month += actualPicoUsd;
        k.day += actualPicoUsd;
        k.month += actualPicoUsd;
    }

    /** Settled spend today (UTC) in picodollars, over all keys or for one key. */
    public synchronized long spentTodayPicoUsd(String keyIdOrNull) {
        rollOver();
        return keyIdOrNull == null ? global().day : key(keyIdOrNull).day;
    }

    private void check(String period, String keyId, long after, long limit, long spent) {
        if (limit > 0 && after > limit) {
            throw new BudgetExceededException(String.format(
                    Locale.ROOT,
                    "the %s LLM budget%s of %s USD would be exceeded (spent %s USD, this call may cost up to %s"
                            + " USD more with calls in flight); raise llm.budget or wait for the next period",
                    period,
                    keyId.isEmpty() ? "" : " for key " + keyId,
                    usd(limit),
                    usd(spent),
                    usd(after - spent)));
        }
    }

    private static String usd(long pico) {
        return BigDecimal.valueOf(pico).movePointLeft(12).stripTrailingZeros().toPlainString();
    }

    private void rollOver() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (!today.equals(day)) {
            // New day (or first use): reload settled spend from the ledger; in-flight reservations of
            // the old day are dropped and their settlements counted in the new period.
            day = today;
            global = null;
            perKey.clear();
        }
    }

    private Spend global() {
        if (global == null) {
            global = load(null);
        }
        return global;
    }

    private Spend key(String keyId) {
        return perKey.computeIfAbsent(keyId, this::load);
    }

    private Spend load(String keyId) {
        Spend s = new Spend();
        long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long monthStart =
                day.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        s.day = catalog.llmSpendPicoUsd(dayStart, keyId);
        s.month = catalog.llmSpendPicoUsd(monthStart, keyId);
        return s;
    }
}
