package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.SpanTree;
import dev.sluice.serve.Caller;
import dev.sluice.serve.ReadableDocuments;
import dev.sluice.serve.ui.Html.Safe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One trace as a tree of spans, each with its duration, status and attributes. Ranked chunk lists
 * (each retrieval mode's candidates, the hits, the context's candidates, the cited chunks) are shown
 * as tables of rank, document and score. A chunk whose document the viewer may not read is shown as
 * hidden, never by id or name, and then the free text that could quote such a chunk (the citation
 * check's problems) is hidden too; so are ingest events naming such a document.
 */
final class SpanView {
    /** An attribute holding ranked chunk ids, and the attribute with their scores ("" for none). */
    private record ChunkList(String ids, String scores) {}

    private static final List<ChunkList> CHUNK_LISTS = List.of(
            new ChunkList("sluice.candidates.chunk_ids", "sluice.candidates.scores"),
            new ChunkList("sluice.hits.chunk_ids", "sluice.hits.scores"),
            new ChunkList("sluice.context.candidate_chunk_ids", ""),
            new ChunkList("sluice.answer.cited_chunk_ids", ""));
    private static final Set<String> CHUNK_ATTRIBUTES = Set.of(
            "sluice.candidates.chunk_ids",
            "sluice.candidates.scores",
            "sluice.hits.chunk_ids",
            "sluice.hits.scores",
            "sluice.context.candidate_chunk_ids",
            "sluice.answer.cited_chunk_ids");
    /** Attributes that may quote the text of chunks. */
    private static final Set<String> QUOTING = Set.of("sluice.citations.problems");

    private final Catalog catalog;
    private final Caller caller;
    private final Map<String, String> chunkNames = new HashMap<>();
    private Predicate<String> readablePaths;
    private boolean anyHidden;

    SpanView(KnowledgeBase kb, Caller caller) {
        this.catalog = kb.catalog();
        this.caller = caller;
    }

    Safe tree(List<SpanRecord> spans) {
        SpanTree tree = SpanTree.of(spans);
        spans.forEach(s -> CHUNK_LISTS.forEach(list -> ids(s, list.ids()).forEach(this::chunkName)));
        List<Safe> roots = new ArrayList<>();
        tree.roots().forEach(r -> roots.add(span(r, tree)));
        return Html.of("<ul class=\"tree\">{}</ul>", Html.join(roots));
    }

    /** Whether a chunk of the trace belongs to a document the viewer may not read. */
    boolean anyHidden() {
        return anyHidden;
    }

    private Safe span(SpanRecord s, SpanTree tree) {
        List<Safe> children = new ArrayList<>();
        tree.childrenOf(s).forEach(c -> children.add(span(c, tree)));
        return Html.of(
                """
                <li><details open><summary><span class="span-name">{}</span> <span class="muted">{}</span> {}</summary>\
                {}{}{}</details>{}</li>""",
                s.name(),
                Formats.millis(s.durationMillis()),
                s.status().equals("ok") ? Safe.EMPTY : Html.of("<span class=\"badge bad\">{}</span>", s.status()),
                attributes(s),
                chunkTables(s),
                events(s),
                children.isEmpty() ? Safe.EMPTY : Html.of("<ul>{}</ul>", Html.join(children)));
    }

    private Safe attributes(SpanRecord s) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Object> e : s.attributes().entrySet()) {
            String key = e.getKey();
            if (CHUNK_ATTRIBUTES.contains(key)) {
                continue;
            }
            Object value = QUOTING.contains(key) && anyHidden
                    ? "(hidden: the trace holds chunks this key may not read)"
                    : e.getValue();
            rows.add(List.of(key, String.valueOf(value)));
        }
        return rows.isEmpty() ? Safe.EMPTY : Html.table("", List.of("Attribute", "Value"), rows);
    }

    private Safe chunkTables(SpanRecord s) {
        List<Safe> out = new ArrayList<>();
        for (ChunkList list : CHUNK_LISTS) {
            List<String> ids = ids(s, list.ids());
            if (ids.isEmpty()) {
                continue;
            }
            List<?> scores = s.attributes().get(list.scores()) instanceof List<?> l ? l : List.of();
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String name = chunkName(ids.get(i));
                rows.add(List.of(
                        i + 1,
                        name == null
                                ? Html.of("<span class=\"muted\">hidden: a document this key may not read</span>")
                                : Html.of("<span class=\"doc\">{}</span>", name),
                        name == null ? "" : ids.get(i),
                        i < scores.size() ? score(scores.get(i)) : ""));
            }
            out.add(Html.of(
                    "<p class=\"list-name\">{}</p>{}",
                    list.ids(),
                    Html.table("", List.of("Rank", "Document", "Chunk", "Score"), rows)));
        }
        return Html.join(out);
    }

    private Safe events(SpanRecord s) {
        List<List<Object>> rows = new ArrayList<>();
        int hidden = 0;
        for (SpanRecord.Event e : s.events()) {
            Object document = e.attributes().get("sluice.document");
            if (document != null && !readablePath(document.toString())) {
                hidden++;
                continue;
            }
            rows.add(List.of(e.name(), String.valueOf(e.attributes())));
        }
        Safe table = rows.isEmpty() ? Safe.EMPTY : Html.table("", List.of("Event", "Attributes"), rows);
        return hidden == 0
                ? table
                : Html.of("{}<p class=\"muted\">{} events about documents this key may not read</p>", table, hidden);
    }

    /** The document a chunk belongs to ("source: path"), null when the viewer may not read it. */
    private String chunkName(String chunkId) {
        if (!chunkNames.containsKey(chunkId)) {
            Catalog.ChunkLineage chunk = catalog.chunk(chunkId);
            DocumentRecord d = chunk == null ? null : catalog.document(chunk.documentUri());
            String name;
            if (d == null) {
                name = "(no longer indexed)"; // its document was since changed or deleted
            } else if (caller.mayRead(d.access())) {
                name = d.source() + ": " + d.path();
            } else {
                name = null;
                anyHidden = true;
            }
            chunkNames.put(chunkId, name);
        }
        return chunkNames.get(chunkId);
    }

    private boolean readablePath(String path) {
        if (readablePaths == null) {
            readablePaths = ReadableDocuments.byPathOrUri(catalog, caller);
        }
        return readablePaths.test(path);
    }

    private static List<String> ids(SpanRecord s, String key) {
        return s.attributes().get(key) instanceof List<?> l
                ? l.stream().map(String::valueOf).toList()
                : List.of();
    }

    private static String score(Object value) {
        return value instanceof Number n ? Formats.figure(n.doubleValue()) : String.valueOf(value);
    }
}
