package dev.sluice.cli;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.core.SluiceException;
import dev.sluice.sqlite.SqliteCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
            "Where a chunk or document came from: its document version, source, chunker and model,",
            "and the run that put it in the index. Give a chunk id (from search --json), a document URI or",
            "a source-relative path."
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
        Path indexPath = index.resolve(config.load());
        Map<String, Object> out = new LinkedHashMap<>();
        try (SqliteCatalog catalog = SqliteCatalog.openExisting(indexPath)) {
            Catalog.ChunkLineage chunk = catalog.chunk(target);
            Map<String, DocumentRecord> documents = catalog.documents();
            DocumentRecord document;
            if (chunk != null) {
                document = documents.get(chunk.documentUri());
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("id", chunk.id());
                c.put("ordinal", chunk.ordinal());
                c.put("contentHash", chunk.contentHash());
                out.put("chunk", c);
            } else {
                document = documents.get(target);
                if (document == null) {
                    List<DocumentRecord> byPath = documents.values().stream()
                            .filter(d -> d.path().equals(target))
                            .toList();
                    if (byPath.size() > 1) {
                        throw new SluiceException("'" + target + "' is the path of " + byPath.size()
                                + " documents in different sources; give the URI instead");
                    }
                    document = byPath.isEmpty() ? null : byPath.get(0);
                }
            }
            if (document == null) {
                throw new SluiceException(
                        "no chunk, document URI or path '" + target + "' in the catalog of " + indexPath);
            }
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
            d.put(
                    "chunks",
                    chunk != null
                            ? document.chunkCount()
                            : catalog.chunks(document.uri()).stream()
                                    .map(Catalog.ChunkRow::id)
                                    .toList());
            d.put("firstSeen", Instant.ofEpochMilli(document.firstSeenMillis()).toString());
            d.put("lastSeen", Instant.ofEpochMilli(document.lastSeenMillis()).toString());
            out.put("document", d);
            RunRecord run = catalog.run(chunk != null ? chunk.runId() : document.runId());
            if (run != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", run.id());
                r.put("trigger", run.trigger());
                r.put("started", Instant.ofEpochMilli(run.startedMillis()).toString());
                r.put("status", run.status());
                out.put("run", r);
            }
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
