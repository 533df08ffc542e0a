package dev.sluice.cli;

import dev.sluice.Evaluations;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.eval.Metric;
import dev.sluice.retrieve.SearchMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Evaluate an eval set against the index in several modes; store per-query results in the"
                + " catalog; print one table; optionally gate on sluice.yaml's thresholds.")
final class EvalRunCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(
            names = "--set",
            required = true,
            paramLabel = "PATH",
            description = "A BEIR folder (queries.jsonl, qrels/SPLIT.tsv) or a Sluice .jsonl eval set.")
    Path set;

    @Option(names = "--split", paramLabel = "NAME", description = "BEIR qrels split (default: the only one present).")
    String split;

    @Option(
            names = "--modes",
            split = ",",
            paramLabel = "MODE",
            defaultValue = "bm25,dense,hybrid",
            description = "Modes, comma-separated (default ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(
            names = "--k",
            split = ",",
            paramLabel = "K",
            defaultValue = "10,100",
            description = "Cutoffs, comma-separated (default ${DEFAULT-VALUE}): nDCG, recall, P, MRR and hit at each,"
                    + " and for a set with page or passage evidence page_hit, page_recall and page_mrr.")
    List<Integer> ks;

    @Option(
            names = "--metrics",
            split = ",",
            paramLabel = "METRIC",
            description = "Metrics instead of the default set, e.g. ndcg@10,recall@100,map or"
                    + " page_hit@10,page_recall@10,page_mrr@10 (chunks covering a judged page or passage).")
    List<String> metrics;

    @Option(names = "--threads", paramLabel = "N", description = "Threads embedding and searching (default: cores).")
    Integer threads;

    @Option(names = "--gate", description = "Exit 3, naming each failure, when a gate of sluice.yaml fails.")
    boolean gate;

    @Option(
            names = "--baseline",
            paramLabel = "RUN",
            description = "Eval run to check regressions against (default with --gate: the latest earlier run of"
                    + " the same set).")
    Long baseline;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Also write the report to FILE: Markdown (.md) or JSON (.json).")
    Path report;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        EffectiveConfig effective = config.effective(index);
        List<Metric> metricList = metricList();
        int depth = Math.max(100, ks.stream().mapToInt(Integer::intValue).max().orElse(10));
        Evaluations.RunOutcome outcome;
        try (KnowledgeBase kb = KnowledgeBase.open(effective)) {
            outcome = kb.eval()
                    .run(new Evaluations.RunRequest(
                            set,
                            split,
                            modes(),
                            metricList,
                            depth,
                            EffectiveConfig.threads(threads, "--threads"),
                            gate,
                            baseline,
                            ks));
        }
        List<String> failures = outcome.failures();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(
                    Json.write(EvalReports.runJson(outcome.run(), outcome.result(), outcome.regression(), failures)));
        } else {
            EvalReports.printRun(outcome.run(), outcome.result(), outcome.regression(), out);
        }
        if (report != null) {
            String name = report.getFileName().toString().toLowerCase(Locale.ROOT);
            String text = name.endsWith(".json")
                    ? Json.write(EvalReports.runJson(outcome.run(), outcome.result(), outcome.regression(), failures))
                    : EvalReports.markdown(outcome.run(), outcome.regression(), failures);
            Files.writeString(report, text, StandardCharsets.UTF_8);
        }
        PrintWriter err = spec.commandLine().getErr();
        SluiceConfig.Eval eval = effective.eval();
        if (gate && eval.gates().isEmpty() && eval.maxDrop() == null) {
            err.println("warning: --gate given but sluice.yaml sets no eval.gates and no eval.regression;"
                    + " nothing was checked");
        }
        if (!failures.isEmpty()) {
            err.println("gate failed (" + failures.size() + "):");
            failures.forEach(f -> err.println("  " + f));
            return SluiceCli.EXIT_CHECK_FAILED;
        }
        if (gate) {
            err.println("gate passed: " + eval.gates().size() + " threshold(s) per mode"
                    + (eval.maxDrop() != null && outcome.baseline() != null
                            ? ", no significant regression against run "
                                    + outcome.baseline().id()
                            : ""));
        }
        return SluiceCli.EXIT_OK;
    }

    private List<SearchMode> modes() {
        List<SearchMode> out = new ArrayList<>();
        for (String m : modes) {
            SearchMode mode = SearchMode.fromLabel(m);
            if (mode == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--modes: unknown mode '" + m + "'; known: bm25, dense, hybrid");
            }
            if (!out.contains(mode)) {
                out.add(mode);
            }
        }
        return out;
    }

    /** The metrics named by --metrics; null for the defaults at --k, which the core chooses once it has read the set. */
    private List<Metric> metricList() {
        for (int k : ks) {
            if (k < 1 || k > 1000) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--k: cutoffs must be within 1..1000, got " + k);
            }
        }
        if (metrics == null || metrics.isEmpty()) {
            return null;
        }
        try {
            return metrics.stream().map(Metric::parse).distinct().toList();
        } catch (SluiceException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metrics: " + e.getMessage());
        }
    }
}
