package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.transform.TransformPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Estimate a transforms run before anything runs: per transform and source, the items, those"
                + " already stored, the calls left, their tokens and cost (reads and chunks the sources; embeds and"
                + " writes nothing).")
final class TransformsPlanCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() {
        TransformPlan plan;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            plan = kb.transforms().plan();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(view(plan)));
        } else {
            table(out, plan);
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    static Map<String, Object> view(TransformPlan plan) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("documents", plan.documents());
        v.put("unreadable", plan.unreadable());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TransformPlan.Row r : plan.rows()) {
            rows.add(row(r));
        }
        v.put("rows", rows);
        v.put("total", row(plan.total()));
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("perRunUsd", plan.perRunPicoUsd() == 0 ? null : TransformsCommand.usd(plan.perRunPicoUsd()));
        budget.put("dailyUsd", plan.dailyPicoUsd() == 0 ? null : TransformsCommand.usd(plan.dailyPicoUsd()));
        budget.put("spentTodayUsd", TransformsCommand.usd(plan.spentTodayPicoUsd()));
        v.put("budget", budget);
        v.put("note", TransformPlan.INPUT_ESTIMATE_NOTE);
        return v;
    }

    private static Map<String, Object> row(TransformPlan.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transform", r.transform());
        m.put("promptVersion", r.promptVersion());
        m.put("model", r.model());
        m.put("source", r.source());
        m.put("items", r.items());
        m.put("cached", r.cached());
        m.put("calls", r.calls());
        m.put("inputTokens", r.inputTokens());
        m.put("outputTokens", r.outputTokens());
        m.put("maxOutputTokens", r.maxOutputTokens());
        m.put("costUsd", TransformsCommand.usd(r.costPicoUsd()));
        m.put("maxCostUsd", TransformsCommand.usd(r.maxCostPicoUsd()));
        return m;
    }

    private static void table(PrintWriter out, TransformPlan plan) {
        out.printf(
                Locale.ROOT,
                "%-16s %-12s %-14s %7s %7s %7s %11s %10s %12s %12s%n",
                "transform",
                "source",
                "model",
                "items",
                "cached",
                "calls",
                "tokens in",
                "tokens out",
                "cost USD",
                "max USD");
        List<TransformPlan.Row> rows = new ArrayList<>(plan.rows());
        rows.add(plan.total());
        for (TransformPlan.Row r : rows) {
            out.printf(
                    Locale.ROOT,
                    "%-16s %-12s %-14s %7d %7d %7d %11d %10d %12s %12s%n",
                    r.transform().equals("*") ? "total" : r.transform(),
                    r.source().equals("*") ? "" : r.source(),
                    r.model().equals("*") ? "" : r.model(),
                    r.items(),
                    r.cached(),
                    r.calls(),
                    r.inputTokens(),
                    r.outputTokens(),
                    TransformsCommand.usd6(r.costPicoUsd()),
                    TransformsCommand.usd6(r.maxCostPicoUsd()));
        }
        out.printf(
                Locale.ROOT,
                "%d documents read%s; budget: per run %s, daily %s (spent today %s USD)%n",
                plan.documents(),
                plan.unreadable() == 0 ? "" : ", " + plan.unreadable() + " unreadable (they would be quarantined)",
                plan.perRunPicoUsd() == 0 ? "none" : TransformsCommand.usd(plan.perRunPicoUsd()) + " USD",
                plan.dailyPicoUsd() == 0 ? "none" : TransformsCommand.usd(plan.dailyPicoUsd()) + " USD",
                TransformsCommand.usd6(plan.spentTodayPicoUsd()));
        long maxCost = plan.total().maxCostPicoUsd();
        if (plan.perRunPicoUsd() > 0 && maxCost > plan.perRunPicoUsd()) {
            out.println("the run may pass the per-run budget: it would pause there, and the next run resumes");
        }
        out.println("note: " + TransformPlan.INPUT_ESTIMATE_NOTE);
    }
}
