package dev.sluice.mcp;

import dev.sluice.answer.Answer;
import dev.sluice.answer.Citation;
import dev.sluice.answer.ContextChunk;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.retrieve.SearchHit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two faces of every tool result: JSON for {@code structuredContent}, and the same facts as text
 * for the model. A citation is always the same fields, from a search hit or an answer: {@code
 * documentId} (the document's URI), {@code chunkId}, {@code source}, {@code path}, {@code title},
 * {@code section} (the heading path), {@code pageStart}/{@code pageEnd} when the document has pages.
 */
final class ToolViews {
    private ToolViews() {}

    /** A search hit as a citation with its score and text. */
    static Map<String, Object> hit(SearchHit h) {
        Map<String, Object> m = citation(
                h.documentUri(),
                h.chunkId(),
                h.source(),
                h.path(),
                h.title(),
                h.headingPath(),
                h.pageStart(),
                h.pageEnd());
        m.put("rank", h.rank());
        m.put("score", h.score());
        m.put("citation", h.citation());
        m.put("text", h.text());
        return m;
    }

    /** An answer's citation, its title taken from the passage it cites. */
    static Map<String, Object> citation(Citation c, Answer answer) {
        String title = null;
        for (ContextChunk chunk : answer.context()) {
            if (chunk.hit().chunkId().equals(c.chunkId())) {
                title = chunk.hit().title();
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", c.number());
        m.putAll(citation(
                c.uri(), c.chunkId(), c.source(), c.path(), title, c.headingPath(), c.pageStart(), c.pageEnd()));
        return m;
    }

    static Map<String, Object> citation(
            String uri,
            String chunkId,
            String source,
            String path,
            String title,
            List<String> headingPath,
            int pageStart,
            int pageEnd) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documentId", uri);
        m.put("chunkId", chunkId);
        m.put("source", source);
        m.put("path", path);
        m.put("title", title == null || title.isBlank() ? null : title);
        m.put("section", headingPath.isEmpty() ? null : String.join(" > ", headingPath));
        m.put("pageStart", pageStart > 0 ? pageStart : null);
        m.put("pageEnd", pageEnd > 0 ? pageEnd : null);
        return m;
    }

    /** One citation as a line: {@code [2] Leave policy — hr/leave.pdf p.3 § Parental (document …, chunk …)}. */
    static String line(String label, Map<String, Object> c) {
        StringBuilder sb = new StringBuilder(label).append(' ');
        if (c.get("title") != null) {
            sb.append(c.get("title")).append(" — ");
        }
        sb.append(c.get("source")).append(':').append(c.get("path"));
        Object start = c.get("pageStart");
        Object end = c.get("pageEnd");
        if (start != null) {
            sb.append(end != null && !end.equals(start) ? " pp." + start + "-" + end : " p." + start);
        }
        if (c.get("section") != null) {
            sb.append(" § ").append(c.get("section"));
        }
        sb.append(" (document ").append(c.get("documentId"));
        if (c.get("chunkId") != null) {
            sb.append(", chunk ").append(c.get("chunkId"));
        }
        return sb.append(')').toString();
    }

    /** The search's results as text: each citation line, then its text. */
    static String searchText(String query, List<Map<String, Object>> results) {
        if (results.isEmpty()) {
            return "No results for '" + ToolInput.printable(query, 200) + "' among the documents you may read.";
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : results) {
            sb.append(line("[" + r.get("rank") + "]", r)).append('\n');
            sb.append(r.get("text")).append("\n\n");
        }
        return sb.toString().stripTrailing();
    }

    /** The answer as text: the answer, a note when there is one, then its numbered citations. */
    static String answerText(Answer answer, List<Map<String, Object>> citations) {
        StringBuilder sb = new StringBuilder(answer.text());
        if (answer.note() != null && !answer.note().isBlank()) {
            sb.append("\n\nNote: ").append(answer.note());
        }
        if (!citations.isEmpty()) {
            sb.append("\n\nCitations:");
            for (Map<String, Object> c : citations) {
                sb.append('\n').append(line("[" + c.get("number") + "]", c));
            }
        }
        return sb.toString();
    }

    /** A document's lineage: what the catalog records of it, and the run that indexed it. */
    static Map<String, Object> document(DocumentRecord d, RunRecord run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documentId", d.uri());
        m.put("source", d.source());
        m.put("path", d.path());
        m.put("status", d.status());
        m.put("quarantineReason", d.reason());
        m.put("quarantineMessage", d.message());
        m.put("chunkCount", d.chunkCount());
        m.put("bytes", d.sizeBytes());
        m.put("modified", instant(d.modifiedMillis()));
        m.put("firstSeen", instant(d.firstSeenMillis()));
        m.put("lastSeen", instant(d.lastSeenMillis()));
        m.put("contentHash", d.contentHash());
        m.put("chunkerVersion", d.chunkerVersion());
        m.put("model", d.modelId());
        if (run != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", run.id());
            r.put("trigger", run.trigger());
            r.put("status", run.status());
            r.put("started", instant(run.startedMillis()));
            r.put("finished", instant(run.finishedMillis()));
            m.put("run", r);
        } else {
            m.put("run", null);
        }
        return m;
    }

    static String instant(long millis) {
        return millis <= 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    /**
     * A document's text from its chunks in order: chunks overlap, so each adds only what lies past the
     * previous one's end (by their offsets in the normalized text); a chunk whose text does not match its
     * offsets is added whole.
     */
    static String joined(List<SearchHit> chunks) {
        StringBuilder sb = new StringBuilder();
        int covered = 0;
        for (SearchHit c : chunks) {
            String text = c.text() == null ? "" : c.text();
            boolean exact = text.length() == c.end() - c.start();
            if (exact && c.start() < covered && c.end() > covered) {
                sb.append(text, covered - c.start(), text.length());
            } else if (!exact || c.start() >= covered) {
                if (!sb.isEmpty()) {
                    sb.append(exact && c.start() == covered ? "" : "\n\n");
                }
                sb.append(text);
            }
            covered = Math.max(covered, c.end());
        }
        return sb.toString();
    }

    static List<Map<String, Object>> chunkList(List<SearchHit> chunks) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SearchHit c : chunks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chunkId", c.chunkId());
            m.put("ordinal", c.ordinal());
            m.put("section", c.headingPath().isEmpty() ? null : String.join(" > ", c.headingPath()));
            m.put("pageStart", c.pageStart() > 0 ? c.pageStart() : null);
            m.put("pageEnd", c.pageEnd() > 0 ? c.pageEnd() : null);
            m.put("start", c.start());
            m.put("end", c.end());
            out.add(m);
        }
        return out;
    }
}
