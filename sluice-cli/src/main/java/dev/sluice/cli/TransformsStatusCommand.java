package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.transform.TransformStore;
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
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Stored transform outputs per transform and prompt version: valid, invalid (with the commonest"
                + " reasons), pending (stopped by a budget), spend.")
final class TransformsStatusCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<TransformStore.Status> rows;
        long today;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            rows = kb.transforms().status();
            today = rows.isEmpty() ? 0 : kb.transforms().spentToday();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> view = new ArrayList<>();
            for (TransformStore.Status s : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("transform", s.transform());
                m.put("promptVersion", s.promptVersion());
                m.put("valid", s.valid());
                m.put("invalid", s.invalid());
                m.put("pending", s.pending());
                m.put("spendUsd", TransformsCommand.usd(s.costPicoUsd()));
                m.put("reasons", s.reasons());
                m.put("lastMillis", s.lastMillis());
                view.add(m);
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("transforms", view);
            all.put("spentTodayUsd", TransformsCommand.usd(today));
            out.println(Json.write(all));
        } else if (rows.isEmpty()) {
            out.println("no transform outputs yet (configure transforms: in sluice.yaml and run sluice sync)");
        } else {
            out.printf(
                    Locale.ROOT,
                    "%-16s %-28s %8s %8s %8s %12s%n",
                    "transform",
                    "version",
                    "valid",
                    "invalid",
                    "pending",
                    "spend USD");
            for (TransformStore.Status s : rows) {
                out.printf(
                        Locale.ROOT,
                        "%-16s %-28s %8d %8d %8d %12s%n",
                        s.transform(),
                        s.promptVersion(),
                        s.valid(),
                        s.invalid(),
                        s.pending(),
                        TransformsCommand.usd6(s.costPicoUsd()));
                for (TransformStore.Reason r : s.reasons()) {
                    out.printf(Locale.ROOT, "    invalid x%d: %s%n", r.count(), r.error());
                }
            }
            out.printf(Locale.ROOT, "transforms spent today (UTC): %s USD%n", TransformsCommand.usd6(today));
            if (rows.stream().anyMatch(s -> s.pending() > 0)) {
                out.println("pending items resume at the next sync (raise transforms.budget to finish sooner)");
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
