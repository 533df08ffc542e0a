package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.SluiceConfig;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmCallRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * LLM spend a viewer may see, from the ledger: every key's for an admin, its own key's otherwise, over
 * the last {@link #DAYS} days and the current month (UTC, as the budget counts), with the budget that
 * applies: the service's daily and monthly limits for an admin, the per-key limits for a key.
 *
 * @param calls the calls since {@link #sinceMillis}, oldest first
 * @param limits the budget that applies to what is shown (0: none)
 * @param ownKeyOnly whether only the viewer's key is counted
 */
record Spend(List<LlmCallRecord> calls, long sinceMillis, long nowMillis, Budget.Limits limits, boolean ownKeyOnly) {
    /** Days of history the cost page shows. */
    static final int DAYS = 30;

    static Spend of(KnowledgeBase kb, Viewer viewer, long nowMillis) {
        LocalDate today = day(nowMillis);
        long monthStart = millis(today.withDayOfMonth(1));
        long since = Math.min(monthStart, millis(today.minusDays(DAYS - 1)));
        boolean own = !viewer.admin();
        String keyId = viewer.session().key().id();
        List<LlmCallRecord> calls = kb.ledger().llmCalls(since).stream()
                .filter(c -> !own || c.keyId().equals(keyId))
                .toList();
        Budget.Limits configured =
                kb.config().llm().map(SluiceConfig.Llm::budget).orElse(Budget.Limits.none());
        Budget.Limits limits = own
                ? new Budget.Limits(configured.perKeyDailyPicoUsd(), configured.perKeyMonthlyPicoUsd(), 0, 0)
                : configured;
        return new Spend(calls, since, nowMillis, limits, own);
    }

    long todayPicoUsd() {
        return sumSince(millis(day(nowMillis)));
    }

    long monthPicoUsd() {
        return sumSince(millis(day(nowMillis).withDayOfMonth(1)));
    }

    /** Spend per UTC day of the last {@link #DAYS} days, oldest first, days without calls included. */
    Map<String, Long> byDay() {
        Map<String, Long> out = new LinkedHashMap<>();
        LocalDate today = day(nowMillis);
        for (int i = DAYS - 1; i >= 0; i--) {
            out.put(today.minusDays(i).toString(), 0L);
        }
        for (LlmCallRecord c : calls) {
            out.computeIfPresent(day(c.atMillis()).toString(), (d, sum) -> sum + c.costPicoUsd());
        }
        return out;
    }

    /** Calls, tokens and spend per value of {@code group} (model, purpose, key) over the last {@link #DAYS} days. */
    Map<String, long[]> by(Function<LlmCallRecord, String> group) {
        long since = millis(day(nowMillis).minusDays(DAYS - 1));
        Map<String, long[]> out = new TreeMap<>();
        for (LlmCallRecord c : calls) {
            if (c.atMillis() >= since) {
                long[] sums = out.computeIfAbsent(String.valueOf(group.apply(c)), k -> new long[4]);
                sums[0]++;
                sums[1] += c.inputTokens();
                sums[2] += c.outputTokens();
                sums[3] += c.costPicoUsd();
            }
        }
        return out;
    }

    /** Spend today and this month per key. */
    Map<String, long[]> budgetByKey() {
        long today = millis(day(nowMillis));
        long month = millis(day(nowMillis).withDayOfMonth(1));
        Map<String, long[]> out = new TreeMap<>();
        for (LlmCallRecord c : calls) {
            long[] sums = out.computeIfAbsent(c.keyId(), k -> new long[2]);
            if (c.atMillis() >= today) {
                sums[0] += c.costPicoUsd();
            }
            if (c.atMillis() >= month) {
                sums[1] += c.costPicoUsd();
            }
        }
        return out;
    }

    /** Spend in one budget period against its limit (picodollars; a limit of 0: none). */
    record Burn(String period, long spentPicoUsd, long limitPicoUsd) {
        /** The share of the limit spent; 0 without a limit. */
        double share() {
            return limitPicoUsd == 0 ? 0 : (double) spentPicoUsd / limitPicoUsd;
        }
    }

    /** Today and this month against their limits. */
    List<Burn> burn() {
        return List.of(
                new Burn("today", todayPicoUsd(), limits.dailyPicoUsd()),
                new Burn("this month", monthPicoUsd(), limits.monthlyPicoUsd()));
    }

    private long sumSince(long fromMillis) {
        return calls.stream()
                .filter(c -> c.atMillis() >= fromMillis)
                .mapToLong(LlmCallRecord::costPicoUsd)
                .sum();
    }

    private static LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static long millis(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
