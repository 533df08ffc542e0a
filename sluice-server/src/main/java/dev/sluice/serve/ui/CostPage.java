package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.SluiceConfig;
import dev.sluice.llm.Budget;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.serve.ui.Html.Safe;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cost: LLM spend by day, model, purpose and key over the last 30 days, with budget burn (today and
 * this month against the limits). An admin key sees every key's spend against the service's budget
 * and each key against the per-key limits; any other key sees its own spend against the per-key limits.
 */
final class CostPage {
    private final KnowledgeBase kb;

    CostPage(KnowledgeBase kb) {
        this.kb = kb;
    }

    String render(Context ctx, Viewer viewer) {
        Spend spend = Spend.of(kb, viewer, System.currentTimeMillis());
        Map<String, Long> byDay = spend.byDay();
        List<String> days = byDay.keySet().stream().map(d -> d.substring(5)).toList();
        List<Double> values = byDay.values().stream().map(p -> p / 1e12).toList();
        Safe body = Html.of(
                """
                <p class="note">{}</p>
                <section><h2>Budget burn</h2>{}</section>
                <section><h2>By day</h2>{}</section>
                <section><h2>By model</h2>{}</section>
                <section><h2>By purpose</h2>{}</section>
                <section><h2>By key</h2>{}</section>""",
                spend.ownKeyOnly()
                        ? "The spend of your key, " + viewer.session().key().id() + ", over the last " + Spend.DAYS
                                + " days (UTC)."
                        : "The spend of every key over the last " + Spend.DAYS + " days (UTC).",
                burn(spend),
                SvgChart.bars(
                        "LLM spend per day (US dollars)",
                        days,
                        values,
                        spend.limits().dailyPicoUsd() / 1e12,
                        v -> String.format(java.util.Locale.ROOT, "$%.3f", v)),
                grouped(spend, LlmCallRecord::model, "Model"),
                grouped(spend, LlmCallRecord::purpose, "Purpose"),
                spend.ownKeyOnly() ? grouped(spend, LlmCallRecord::keyId, "Key") : keys(spend));
        return Layout.page(viewer, "Cost", "cost", body);
    }

    /** Today and this month against the limits that apply, as meters. */
    static Safe burn(Spend spend) {
        List<List<Object>> rows = new ArrayList<>();
        for (Spend.Burn b : spend.burn()) {
            rows.add(List.of(
                    b.period(),
                    Formats.usd(b.spentPicoUsd()),
                    b.limitPicoUsd() == 0 ? "no limit" : Formats.usd(b.limitPicoUsd()),
                    b.limitPicoUsd() == 0
                            ? Safe.EMPTY
                            : Html.of(
                                    "<meter min=\"0\" max=\"1\" low=\"0.6\" high=\"0.8\" optimum=\"0\" value=\"{}\">{}</meter> {}",
                                    Formats.figure(Math.min(1, b.share())),
                                    Formats.percent(b.share()),
                                    Formats.percent(b.share()))));
        }
        return Html.table("", List.of("Period", "Spent", "Budget", "Burn"), rows);
    }

    private static Safe grouped(Spend spend, Function<LlmCallRecord, String> group, String header) {
        List<List<Object>> rows = new ArrayList<>();
        spend.by(group)
                .forEach((name, sums) -> rows.add(List.of(name, sums[0], sums[1], sums[2], Formats.usd(sums[3]))));
        return Html.table(
                "No LLM calls in this period.",
                List.of(header, "Calls", "Input tokens", "Output tokens", "Spend"),
                rows);
    }

    /** Every key's spend, today and this month against the per-key limits (for an admin). */
    private Safe keys(Spend spend) {
        Budget.Limits limits = kb.config().llm().map(SluiceConfig.Llm::budget).orElse(Budget.Limits.none());
        Map<String, long[]> budget = spend.budgetByKey();
        List<List<Object>> rows = new ArrayList<>();
        spend.by(LlmCallRecord::keyId).forEach((key, sums) -> {
            long[] b = budget.getOrDefault(key, new long[2]);
            rows.add(List.of(
                    key,
                    sums[0],
                    sums[1] + sums[2],
                    Formats.usd(sums[3]),
                    share(b[0], limits.perKeyDailyPicoUsd()),
                    share(b[1], limits.perKeyMonthlyPicoUsd())));
        });
        return Html.table(
                "No LLM calls in this period.",
                List.of("Key", "Calls", "Tokens", "Spend", "Today of per-key budget", "Month of per-key budget"),
                rows);
    }

    private static String share(long spentPicoUsd, long limitPicoUsd) {
        return limitPicoUsd == 0
                ? Formats.usd(spentPicoUsd)
                : Formats.usd(spentPicoUsd) + " (" + Formats.percent((double) spentPicoUsd / limitPicoUsd) + ")";
    }
}
