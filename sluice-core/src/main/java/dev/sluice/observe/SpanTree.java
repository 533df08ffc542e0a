package dev.sluice.observe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trace's spans as a tree, for the faces that show it ({@code sluice traces show}, the dashboard).
 * A span whose parent is not among the spans (the parent lives in the client's process, or was
 * dropped) is shown as a root, so no span is ever left out.
 *
 * @param roots the spans without a parent among the spans, in the order given (by start time)
 * @param children each span id to its children, in the order given
 */
public record SpanTree(List<SpanRecord> roots, Map<String, List<SpanRecord>> children) {
    public SpanTree {
        roots = List.copyOf(roots);
        Map<String, List<SpanRecord>> copy = new LinkedHashMap<>();
        children.forEach((id, list) -> copy.put(id, List.copyOf(list)));
        children = java.util.Collections.unmodifiableMap(copy);
    }

    /** The tree of a trace's spans (as {@link TraceStore#trace} gives them: by start time). */
    public static SpanTree of(List<SpanRecord> spans) {
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.spanId()));
        List<SpanRecord> roots = new ArrayList<>();
        Map<String, List<SpanRecord>> children = new LinkedHashMap<>();
        for (SpanRecord s : spans) {
            if (s.root() || !ids.contains(s.parentSpanId())) {
                roots.add(s);
            } else {
                children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>())
                        .add(s);
            }
        }
        return new SpanTree(roots, children);
    }

    /** The children of a span, by start time; empty for a leaf. */
    public List<SpanRecord> childrenOf(SpanRecord span) {
        return children.getOrDefault(span.spanId(), List.of());
    }
}
