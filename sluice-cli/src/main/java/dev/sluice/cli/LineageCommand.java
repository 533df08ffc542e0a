package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        description = {
            "Where a chunk or document came from: its document version, source, chunker and model, and the run"
                    + " that put it in the index.",
            "Give a chunk id (from search --json), a document URI or a source-relative path."
        })
final class LineageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID|URI|PATH", description = "A chunk id, a document URI or a source-relative path.")
    String target;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "Print the lineage as JSON.")
    boolean json;

    @Override
    public Integer call() {
        dev.sluice.Lineage lineage;
        dev.sluice.quality.DocumentChecks checks;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            lineage = kb.lineage(target);
            checks = kb.qualityStore().checks(lineage.document().uri());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (lineage.chunk() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", lineage.chunk().id());
            c.put("ordinal", lineage.chunk().ordinal());
            c.put("contentHash", lineage.chunk().contentHash());
            out.put("chunk", c);
        }
        DocumentRecord document = lineage.document();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("uri", document.uri());
        d.put("source", document.source());
        d.put("path", document.path());
        d.put("status", document.status());
        if (!document.indexed()) {
            d.put("reason", document.reason());
            d.put("message", document.message());
        }
        d.put("contentHash", document.contentHash());
        d.put("sizeBytes", document.sizeBytes());
        d.put("modified", Instant.ofEpochMilli(document.modifiedMillis()).toString());
        d.put("chunkerVersion", document.chunkerVersion());
        d.put("model", document.modelId());
        d.put("modelVersion", document.modelVersion());
        d.put("chunks", lineage.chunk() != null ? document.chunkCount() : lineage.chunkIds());
        d.put("firstSeen", Instant.ofEpochMilli(document.firstSeenMillis()).toString());
        d.put("lastSeen", Instant.ofEpochMilli(document.lastSeenMillis()).toString());
        out.put("document", d);
        if (checks != null) {
            out.put("checks", dev.sluice.QualityJson.checks(checks));
        }
        RunRecord run = lineage.run();
        if (run != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", run.id());
            r.put("trigger", run.trigger());
            r.put("started", Instant.ofEpochMilli(run.startedMillis()).toString());
            r.put("status", run.status());
            out.put("run", r);
        }
        PrintWriter writer = spec.commandLine().getOut();
        if (json) {
            writer.println(Json.write(out));
        } else {
            print(out, "", writer);
        }
        writer.flush();
        return SluiceCli.EXIT_OK;
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> map, String indent, PrintWriter out) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                out.println(indent + key + ":");
                print((Map<String, Object>) nested, indent + "  ", out);
            } else {
                out.println(indent + key + ": " + value);
            }
        });
    }
}
