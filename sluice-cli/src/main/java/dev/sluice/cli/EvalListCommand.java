package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.eval.EvalRunRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List stored eval runs, newest first.")
final class EvalListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print runs as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<EvalRunRecord> runs;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            runs = kb.eval().list();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(runs.stream().map(EvalReports::runSummary).toList()));
        } else {
            EvalReports.printList(runs, out);
        }
        return SluiceCli.EXIT_OK;
    }
}
