package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.SluiceException;
import dev.sluice.observe.SpanRecord;
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
            Map<String, List<SpanRecord>> children = new LinkedHashMap<>();
            List<SpanRecord> roots = new ArrayList<>();
            java.util.Set<String> ids = new java.util.HashSet<>();
            spans.forEach(s -> ids.add(s.spanId()));
            for (SpanRecord s : spans) {
                if (s.root() || !ids.contains(s.parentSpanId())) {
                    roots.add(s);
                } else {
                    children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>())
                            .add(s);
                }
            }
            out.println("trace " + traceId);
            for (SpanRecord root : roots) {
                print(root, children, "", out);
            }
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    private static void print(SpanRecord span, Map<String, List<SpanRecord>> children, String indent, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%s%s  %.1f ms%s%n",
                indent + "- ",
                span.name(),
                span.durationMillis(),
                span.status().equals("ok") ? "" : "  [" + span.status() + "]");
        span.attributes().forEach((k, v) -> out.println(indent + "    " + k + " = " + v));
        span.events().forEach(e -> out.println(indent + "    event " + e.name() + " " + e.attributes()));
        for (SpanRecord child : children.getOrDefault(span.spanId(), List.of())) {
            print(child, children, indent + "  ", out);
        }
    }
}
