package dev.sluice.cli;

import dev.sluice.JsonViews;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.config.SluiceConfig;
import dev.sluice.core.SluiceException;
import dev.sluice.ingest.IngestReport;
import dev.sluice.ingest.RunOptions;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "Ingest Sluice's own documentation (README.md and docs/) into a local knowledge base, run a few"
                    + " example searches and show what to try next.",
            "Run it from the repository root."
        })
final class QuickstartCommand implements Callable<Integer> {
    static final Path INDEX = Path.of(".sluice", "quickstart");

    /** Example searches, one per mode, each followed by a line saying what it shows. */
    private static final List<String[]> EXAMPLES = List.of(
            new String[] {"hybrid", "what happens to files that cannot be read", "hybrid: keywords and meaning together"
            },
            new String[] {"dense", "how fast is embedding on a laptop", "dense: meaning, even without shared words"},
            new String[] {"bm25", "quarantine reason", "bm25: exact keywords"});

    @Spec
    CommandSpec spec;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "The Sluice repository root (default: current folder).")
    Path dir;

    @Option(
            names = "--json",
            description = "Print the ingest summary, the example searches and the next steps as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> inputs = new ArrayList<>();
        Path readme = dir.resolve("README.md");
        Path docs = dir.resolve("docs");
        if (Files.isRegularFile(readme)) {
            inputs.add(readme);
        }
        if (Files.isDirectory(docs)) {
            inputs.add(docs);
        }
        if (inputs.isEmpty()) {
            throw new SluiceException("quickstart ingests Sluice's README.md and docs/, and found neither in "
                    + dir.toAbsolutePath().normalize() + "; run it from the repository root, or pass --dir");
        }
        Path index = dir.resolve(INDEX).normalize();
        PrintWriter say = json ? err : out; // with --json, standard output carries the JSON alone
        say.println("Sluice quickstart: building a knowledge base from "
                + String.join(
                        " and ",
                        inputs.stream().map(p -> dir.relativize(p).toString()).toList()) + " into "
                + dir.relativize(index));
        say.flush();
        Map<String, Object> view = new LinkedHashMap<>();
        List<Map<String, Object>> searches = new ArrayList<>();
        ProgressPrinter progress = new ProgressPrinter(err, Terminal.interactive());
        // Built-in defaults only: the quickstart shows what Sluice does out of the box, whatever sluice.yaml says.
        EffectiveConfig defaults = EffectiveConfig.resolve(
                SluiceConfig.defaults(), Flags.NONE.with(EffectiveConfig.INDEX, index, "--dir"));
        try (KnowledgeBase kb = KnowledgeBase.open(defaults)) {
            IngestReport report = kb.sync(
                    kb.adHocRun(inputs.stream().<Source>map(DirectorySource::of).toList(), RunOptions.DEFAULTS),
                    progress);
            progress.finish();
            if (json) {
                view.put("index", index.toString());
                view.put("ingest", IngestSummary.toJson(report));
            } else {
                IngestSummary.printTable(report, out);
                out.println();
            }
            for (String[] example : EXAMPLES) {
                SearchRequest request =
                        new SearchRequest(example[1], SearchCommand.parseMode(example[0]), 3, SearchFilters.NONE);
                if (json) {
                    Map<String, Object> search = new LinkedHashMap<>();
                    search.put("shows", example[2]);
                    search.putAll(JsonViews.search(request, kb.search(request)));
                    searches.add(search);
                } else {
                    out.println("-- " + example[2]);
                    SearchTable.print(request, kb.search(request), out);
                }
            }
        }
        String[][] next = {
            {"./sluice search \"your question\" --index " + INDEX, "hybrid search over these docs"},
            {"./sluice search \"your question\" --index " + INDEX + " --json", "the same, for scripts"},
            {"./sluice ingest ~/my-documents", "your own PDFs, DOCX, ODT, HTML, Markdown, text"},
            {"./sluice search \"your question\" --type pdf --path 'reports/**'", "filters, inside the query"},
            {"./sluice --help", "every command"}
        };
        if (json) {
            view.put("searches", searches);
            List<Map<String, Object>> steps = new ArrayList<>();
            for (String[] line : next) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("command", line[0]);
                step.put("what", line[1]);
                steps.add(step);
            }
            view.put("next", steps);
            out.println(Json.write(view));
            out.flush();
            return SluiceCli.EXIT_OK;
        }
        out.println("What to try next:");
        for (String[] line : next) {
            out.printf(java.util.Locale.ROOT, "  %-64s # %s%n", line[0], line[1]);
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
