package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.quality.DocumentChecks;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "document",
        mixinStandardHelpOptions = true,
        description = "What the checks found in one document: language, garbled text, personal data (masked),"
                + " injection, its duplicate, its fields.")
final class QualityDocumentCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "URI|PATH", description = "A document URI or a source-relative path.")
    String target;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() {
        DocumentChecks checks;
        String uri;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            uri = kb.lineage(target).document().uri();
            checks = kb.qualityStore().checks(uri);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (checks == null) {
            out.println(uri + " has no checks recorded: it was ingested before checks existed or with checks.enabled:"
                    + " false; it is checked the next time it changes");
            out.flush();
            return SluiceCli.EXIT_OK;
        }
        Map<String, Object> view = dev.sluice.QualityJson.checks(checks);
        if (json) {
            out.println(Json.write(Map.of("uri", uri, "checks", view)));
        } else {
            out.println(uri);
            view.forEach((k, v) -> out.println("  " + k + ": " + v));
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }
}
