package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.SluiceException;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.SpanTree;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "One trace as a tree: each span with its duration and attributes.")
final class TracesShowCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    IndexOption index;

    @Mixin
    ConfigOption config;

    @Parameters(
            paramLabel = "TRACE_ID",
            description = "The trace's id (32 hex digits; sluice traces list, or traceId in --json output).")
    String traceId;

    @Option(names = "--json", description = "Print the spans as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (!traceId.matches("[0-9a-f]{32}")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "TRACE_ID must be 32 lowercase hex digits, got '" + traceId + "'");
        }
        List<SpanRecord> spans;
        try (KnowledgeBase kb = KnowledgeBase.open(config.effective(index))) {
            spans = kb.trace(traceId);
        }
        if (spans.isEmpty()) {
            throw new SluiceException(
                    "no trace " + traceId + " in this knowledge base; list them with: sluice traces list");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("traceId", traceId);
            body.put("spans", spans);
            out.println(Json.write(body));
        } else {
            SpanTree tree = SpanTree.of(spans);
            out.println("trace " + traceId);
            for (SpanRecord root : tree.roots()) {
                print(root, tree, "", out);
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    private static void print(SpanRecord span, SpanTree tree, String indent, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%s%s  %.1f ms%s%n",
                indent + "- ",
                span.name(),
                span.durationMillis(),
                span.status().equals("ok") ? "" : "  [" + span.status() + "]");
        span.attributes().forEach((k, v) -> out.println(indent + "    " + k + " = " + v));
        span.events().forEach(e -> out.println(indent + "    event " + e.name() + " " + e.attributes()));
        for (SpanRecord child : tree.childrenOf(span)) {
            print(child, tree, indent + "  ", out);
        }
    }
}
