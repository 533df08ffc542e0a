package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.serve.Caller;
import dev.sluice.serve.ui.Html.Safe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An incident's evidence as a page shows it, with what the viewer may not read left out: a document
 * (any object with a {@code uri}) the viewer's key may not read, a trace that is not the viewer's (an
 * admin reads every trace), an answer the viewer may not read. What is left out is counted, so the
 * figures still add up. Times in milliseconds ({@code ...Millis}) are written as times.
 */
final class Evidence {
    /** Evidence fields that hold trace ids, shown as links to the trace page. */
    private static final Set<String> TRACE_FIELDS = Set.of("traceIds", "lowestTraceIds");
    /** Evidence fields that hold answer ids. */
    private static final Set<String> ANSWER_FIELDS = Set.of("answerIds");

    private final KnowledgeBase kb;
    private final Caller caller;

    Evidence(KnowledgeBase kb, Caller caller) {
        this.kb = kb;
        this.caller = caller;
    }

    Safe render(Map<String, Object> evidence) {
        List<Safe> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : evidence.entrySet()) {
            rows.add(Html.of("<dt>{}</dt><dd>{}</dd>", e.getKey(), field(e.getKey(), e.getValue())));
        }
        return Html.of("<dl class=\"evidence\">{}</dl>", Html.join(rows));
    }

    private Safe field(String name, Object value) {
        if (value instanceof List<?> list && TRACE_FIELDS.contains(name)) {
            return ids(
                    list,
                    this::mayReadTrace,
                    id -> Html.of("<a class=\"trace\" href=\"/ui/traces/{}\">{}</a>", id, id));
        }
        if (value instanceof List<?> list && ANSWER_FIELDS.contains(name)) {
            return ids(list, this::mayReadAnswer, id -> Html.of("<code>{}</code>", id));
        }
        if (name.endsWith("Millis") && value instanceof Number n) {
            return Html.of("{}", Formats.time(n.longValue()));
        }
        return value(value);
    }

    private Safe value(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<Safe> rows = new ArrayList<>();
            map.forEach((k, v) -> rows.add(Html.of("<dt>{}</dt><dd>{}</dd>", k, field(String.valueOf(k), v))));
            return Html.of("<dl>{}</dl>", Html.join(rows));
        }
        if (value instanceof List<?> list
                && !list.isEmpty()
                && list.stream()
                        .allMatch(i -> i instanceof Map<?, ?> m
                                && m.keySet().equals(((Map<?, ?>) list.getFirst()).keySet()))) {
            return rows(list);
        }
        if (value instanceof List<?> list) {
            List<Safe> items = new ArrayList<>();
            int hidden = 0;
            for (Object item : list) {
                if (item instanceof Map<?, ?> map
                        && map.get("uri") != null
                        && !mayReadDocument(String.valueOf(map.get("uri")))) {
                    hidden++;
                } else {
                    items.add(Html.of("<li>{}</li>", value(item)));
                }
            }
            return Html.of("<ul class=\"plain\">{}</ul>{}", Html.join(items), hiddenNote(hidden, "documents"));
        }
        return Html.of("{}", value == null ? "-" : String.valueOf(value));
    }

    /** Objects with the same fields as a table, one row each. */
    private Safe rows(List<?> maps) {
        List<String> headers = new ArrayList<>();
        ((Map<?, ?>) maps.getFirst()).keySet().forEach(k -> headers.add(String.valueOf(k)));
        List<List<Object>> rows = new ArrayList<>();
        int hidden = 0;
        for (Object item : maps) {
            Map<?, ?> map = (Map<?, ?>) item;
            if (map.get("uri") != null && !mayReadDocument(String.valueOf(map.get("uri")))) {
                hidden++;
                continue;
            }
            List<Object> row = new ArrayList<>();
            map.forEach((k, v) -> row.add(field(String.valueOf(k), v)));
            rows.add(row);
        }
        return Html.of("{}{}", Html.table("", headers, rows), hiddenNote(hidden, "documents"));
    }

    private static Safe ids(
            List<?> ids, java.util.function.Predicate<String> visible, java.util.function.Function<String, Safe> show) {
        List<Safe> shown = new ArrayList<>();
        int hidden = 0;
        for (Object id : ids) {
            if (visible.test(String.valueOf(id))) {
                shown.add(show.apply(String.valueOf(id)));
            } else {
                hidden++;
            }
        }
        return Html.of("<span class=\"ids\">{}</span>{}", Html.join(shown), hiddenNote(hidden, "ids"));
    }

    private static Safe hiddenNote(int hidden, String what) {
        return hidden == 0
                ? Safe.EMPTY
                : Html.of(" <span class=\"muted\">(and {} {} this key may not see)</span>", hidden, what);
    }

    private boolean mayReadDocument(String uri) {
        DocumentRecord d = kb.catalog().document(uri);
        return d != null && caller.mayRead(d.access());
    }

    private boolean mayReadTrace(String traceId) {
        if (caller.has("admin")) {
            return true;
        }
        for (SpanRecord s : kb.traces().trace(traceId)) {
            if (s.root()) {
                return caller.mayReadTraceOf(String.valueOf(s.attributes().get(Tracing.KEY_ID.getKey())));
            }
        }
        return false;
    }

    private boolean mayReadAnswer(String answerId) {
        AnswerRecord a = kb.answers().answer(answerId);
        return a != null && caller.mayReadAnswer(a, kb.catalog()::document);
    }
}
