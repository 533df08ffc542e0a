package dev.sluice.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.core.SluiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code "relevant"} list of one line of a Sluice JSON-lines eval set, read into document
 * judgments and evidence. An entry is one of:
 *
 * <ul>
 *   <li>{@code "doc-a"}: the document, grade 1;
 *   <li>{@code {"id": "doc-a", "grade": 2}}: the document with a grade ({@code "doc"} is an alias of
 *       {@code "id"});
 *   <li>{@code {"doc": "filings/3M_2018_10K.pdf", "page": 60}}: a page of the document, 1-based as PDF
 *       viewers count; {@code "page": [60, 61]} gives one evidence item per page;
 *   <li>{@code {"doc": "...", "passage": "quoted text"}}: a passage of the document.
 * </ul>
 *
 * <p>A page or passage entry also makes its document relevant (grade 1 unless it says otherwise, and
 * its grade must then be {@code > 0}), so document metrics keep working. Several entries may name one
 * document with different pages or passages; the document's judgment keeps the highest grade. What
 * may not repeat is the same document entry, page or passage. Unknown keys are ignored.
 */
record RelevantEntries(List<Qrels.Judgment> judgments, List<Evidence> evidence) {
    static RelevantEntries read(JsonNode node, String queryId, Path file, int lineNo) {
        JsonNode relevant = node.get("relevant");
        if (relevant == null || relevant.isNull()) {
            throw new SluiceException(JsonLines.at(file, lineNo)
                    + "missing \"relevant\"; list the relevant document ids, as in \"relevant\": [\"doc-a\"]");
        }
        if (!relevant.isArray() || relevant.isEmpty()) {
            throw new SluiceException(JsonLines.at(file, lineNo)
                    + "\"relevant\" must be a non-empty array of document ids or {\"id\", \"grade\"} objects, got "
                    + relevant);
        }
        Map<String, Integer> grades = new LinkedHashMap<>();
        List<Evidence> evidence = new ArrayList<>();
        Map<String, String> seen = new HashMap<>(); // what an entry judges -> where it was first judged
        for (int i = 0; i < relevant.size(); i++) {
            JsonNode entry = relevant.get(i);
            String where = String.format(Locale.ROOT, "\"relevant\"[%d]", i);
            String at = JsonLines.at(file, lineNo) + where;
            String docId;
            int grade = 1;
            List<Integer> pages = List.of();
            String passage = null;
            if (entry.isTextual()) {
                docId = entry.asText();
            } else if (entry.isObject()) {
                docId = docId(entry, at);
                grade = grade(entry, at);
                pages = pages(entry.get("page"), at);
                passage = passage(entry.get("passage"), at);
                if (!pages.isEmpty() && passage != null) {
                    throw new SluiceException(at + " gives both \"page\" and \"passage\"; an entry names one of"
                            + " them: split it into two entries");
                }
                if ((!pages.isEmpty() || passage != null) && grade <= 0) {
                    throw new SluiceException(at + ".grade must be > 0 for a page or passage entry (evidence is"
                            + " relevant by definition), got " + grade);
                }
            } else {
                throw new SluiceException(at + " must be a document id or an {\"id\", \"grade\"} object, got " + entry);
            }
            if (docId.isBlank()) {
                throw new SluiceException(at + " has a blank document id");
            }
            if (pages.isEmpty() && passage == null) {
                unique(seen, docId, "'" + docId + "'", where, file, lineNo);
            }
            for (int page : pages) {
                unique(seen, docId + "\u0000p" + page, "page " + page + " of '" + docId + "'", where, file, lineNo);
                evidence.add(new Evidence(docId, page, null, file.toString(), lineNo));
            }
            if (passage != null) {
                unique(
                        seen,
                        docId + "\u0000t" + Evidence.normalize(passage),
                        "the same passage of '" + docId + "'",
                        where,
                        file,
                        lineNo);
                evidence.add(new Evidence(docId, 0, passage, file.toString(), lineNo));
            }
            grades.merge(docId, grade, Math::max);
        }
        List<Qrels.Judgment> judgments = new ArrayList<>();
        grades.forEach((doc, g) -> judgments.add(new Qrels.Judgment(queryId, doc, g, file.toString(), lineNo)));
        return new RelevantEntries(judgments, evidence);
    }

    private static String docId(JsonNode entry, String at) {
        JsonNode id = entry.get("id");
        JsonNode doc = entry.get("doc");
        if (id != null && !id.isNull() && doc != null && !doc.isNull()) {
            throw new SluiceException(at + " gives both \"id\" and \"doc\"; they mean the same: keep one");
        }
        JsonNode value = id != null && !id.isNull() ? id : doc;
        if (value == null || !value.isTextual()) {
            throw new SluiceException(at + " needs a string \"doc\" (or \"id\"), got " + entry);
        }
        return value.asText();
    }

    private static int grade(JsonNode entry, String at) {
        JsonNode grade = entry.get("grade");
        if (grade == null || grade.isNull()) {
            return 1;
        }
        if (!grade.isIntegralNumber() || !grade.canConvertToInt()) {
            throw new SluiceException(at + ".grade must be an integer such as 0, 1 or 2, got " + grade);
        }
        return grade.intValue();
    }

    /** The pages of a {@code "page"} value: one positive integer or a non-empty list of them; none when absent. */
    private static List<Integer> pages(JsonNode page, String at) {
        if (page == null || page.isNull()) {
            return List.of();
        }
        if (!page.isArray()) {
            return List.of(positivePage(page, at + ".page"));
        }
        if (page.isEmpty()) {
            throw new SluiceException(at + ".page is an empty list; give one page or several, as in [60, 61]");
        }
        List<Integer> pages = new ArrayList<>();
        for (int j = 0; j < page.size(); j++) {
            pages.add(positivePage(page.get(j), String.format(Locale.ROOT, "%s.page[%d]", at, j)));
        }
        return pages;
    }

    private static int positivePage(JsonNode value, String field) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw new SluiceException(field + " must be a positive whole number (pages count from 1, as PDF"
                    + " viewers count them), got " + value);
        }
        return value.intValue();
    }

    private static String passage(JsonNode passage, String at) {
        if (passage == null || passage.isNull()) {
            return null;
        }
        if (!passage.isTextual()) {
            throw new SluiceException(at + ".passage must be a string, got " + JsonLines.kind(passage));
        }
        if (passage.asText().isBlank()) {
            throw new SluiceException(at + ".passage is empty; quote the text the answer rests on");
        }
        if (Evidence.normalize(passage.asText()).isEmpty()) {
            throw new SluiceException(at + ".passage has no letters or digits, so it would match any chunk: " + passage
                    + "; quote words of the text");
        }
        return passage.asText();
    }

    private static void unique(Map<String, String> seen, String key, String what, String where, Path file, int line) {
        String first = seen.putIfAbsent(key, where);
        if (first != null) {
            throw new SluiceException(JsonLines.at(file, line) + "\"relevant\" lists " + what + " twice (" + first
                    + " and " + where + "); keep one entry");
        }
    }
}
