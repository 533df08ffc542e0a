package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import-beir",
        mixinStandardHelpOptions = true,
        description = "Build a knowledge base from a BEIR corpus (corpus.jsonl[.gz]), keeping its document ids as"
                + " paths. Importing the same corpus again processes nothing.")
final class EvalImportBeirCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "FOLDER", description = "BEIR folder with corpus.jsonl or corpus.jsonl.gz.")
    Path folder;

    @Option(names = "--name", paramLabel = "NAME", description = "Source name (default: the folder's name).")
    String name;

    @Option(names = "--threads", paramLabel = "N", description = "Embedding threads (default: one per core).")
    Integer threads;

    @Option(names = "--no-progress", description = "No progress output.")
    boolean noProgress;

    @Option(names = "--json", description = "Print the summary as JSON on standard output, as sync --json does.")
    boolean json;

    @Override
    public Integer call() {
        EffectiveConfig effective =
                config.effective(index, Flags.NONE.with(EffectiveConfig.THREADS, threads, "--threads"));
        PrintWriter err = spec.commandLine().getErr();
        ProgressPrinter progress = new ProgressPrinter(err, Terminal.interactive());
        IngestReport report;
        try (KnowledgeBase kb = KnowledgeBase.open(effective)) {
            report = kb.eval().importBeir(folder, name, noProgress ? ProgressListener.NONE : progress);
        }
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(IngestSummary.toJson(report)));
            out.flush();
        } else {
            IngestSummary.printTable(report, out);
        }
        err.println("next: sluice eval run --set " + folder + " --index " + effective.index());
        return report.failedSources().isEmpty() ? SluiceCli.EXIT_OK : SluiceCli.EXIT_FAILED;
    }
}
