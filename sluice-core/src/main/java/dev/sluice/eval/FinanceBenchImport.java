package dev.sluice.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.Checks;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Turns FinanceBench questions (Islam et al., 2023; one JSON object per line, as in the release's
 * {@code financebench_open_source.jsonl}) into a Sluice JSON-lines eval set judged by page:
 *
 * <pre>{@code
 * {"financebench_id": "financebench_id_03029", "question": "...", "answer": "$1577.00",
 *  "doc_name": "3M_2018_10K", "evidence": [{"doc_name": "3M_2018_10K", "evidence_page_num": 59}, ...]}
 * ->
 * {"id": "financebench_id_03029", "question": "...", "answer": "$1577.00",
 *  "relevant": [{"doc": "PREFIX3M_2018_10K.pdf", "page": 60}]}
 * }</pre>
 *
 * <p>FinanceBench counts pages from 0; Sluice, like PDF viewers, from 1, so each page is shifted by
 * one. Each distinct (filing, page) of a question's evidence becomes one entry. Every filing must be
 * {@code <doc_name>.pdf} in the documents folder and every page must exist in it (PDFBox counts the
 * pages), so a wrong folder or an off-by-one shows here, with the line, rather than as a silent 0 in
 * {@code eval run}. The set is written whole or not at all.
 */
public final class FinanceBenchImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What an import wrote.
     *
     * @param out the eval set written
     * @param questions questions (lines) written
     * @param evidencePages page entries written, over all questions
     * @param documents the distinct documents the entries name, in first-seen order, as written (with the
     *     prefix)
     */
    public record Result(Path out, int questions, int evidencePages, List<String> documents) {
        public Result {
            documents = List.copyOf(documents);
        }
    }

    private FinanceBenchImport() {}

    /**
     * Reads {@code questions}, checks each filing and page against the PDFs in {@code docs}, and writes
     * the eval set to {@code out} (its folder created when missing; an existing file replaced).
     *
     * @param pathPrefix put before each {@code <doc_name>.pdf}, so the names match the documents' paths
     *     in the knowledge base (empty when the filings folder itself was ingested)
     * @throws UsageException when {@code questions} is not a file or {@code docs} not a folder
     * @throws SluiceException naming the file and line of a malformed question, a missing filing or a page
     *     the filing does not have
     */
    public static Result convert(Path questions, Path docs, String pathPrefix, Path out) {
        Checks.notNull("questions", questions);
        Checks.notNull("docs", docs);
        Checks.notNull("out", out);
        String prefix = pathPrefix == null ? "" : pathPrefix;
        if (!Files.isRegularFile(questions)) {
            throw new UsageException("no FinanceBench questions file at " + questions
                    + "; give the .jsonl file (such as financebench_open_source.jsonl)");
        }
        if (!Files.isDirectory(docs)) {
            throw new UsageException(
                    "--docs: no folder at " + docs + "; give the folder that holds the filings as <doc_name>.pdf");
        }
        if (Files.isDirectory(out)) {
            throw new UsageException("--out: " + out + " is a folder; give the eval set's file name, such as "
                    + out.resolve("financebench.jsonl"));
        }
        if (prefix.startsWith("/") || prefix.contains("\\")) {
            throw new UsageException("--path-prefix must be a relative path with '/' separators, such as filings/,"
                    + " got '" + prefix + "'");
        }
        Map<String, Integer> pageCounts = new HashMap<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        Set<String> documents = new LinkedHashSet<>();
        StringBuilder lines = new StringBuilder();
        int[] counts = new int[2]; // questions, pages
        JsonLines.forEachObject(questions, (lineNo, node) -> {
            String at = JsonLines.at(questions, lineNo);
            String id = JsonLines.requiredId(node, "financebench_id", questions, lineNo);
            Integer first = lineOfId.putIfAbsent(id, lineNo);
            if (first != null) {
                throw new SluiceException(at + "duplicate financebench_id '" + id + "' (first at line " + first + ")");
            }
            String question = JsonLines.requiredText(node, "question", questions, lineNo);
            String answer = JsonLines.optionalText(node, "answer", null, questions, lineNo);
            pageCount(docs, JsonLines.requiredText(node, "doc_name", questions, lineNo), at, "doc_name", pageCounts);
            JsonNode evidence = node.get("evidence");
            if (evidence == null || !evidence.isArray() || evidence.isEmpty()) {
                throw new SluiceException(at + "\"evidence\" must be a non-empty array of {\"doc_name\","
                        + " \"evidence_page_num\"} objects, got " + evidence);
            }
            Map<String, Set<Integer>> pages = new LinkedHashMap<>();
            for (int i = 0; i < evidence.size(); i++) {
                JsonNode item = evidence.get(i);
                String field = String.format(Locale.ROOT, "evidence[%d]", i);
                JsonNode docName = item.get("doc_name");
                if (docName == null || !docName.isTextual() || docName.asText().isBlank()) {
                    throw new SluiceException(at + field + ".doc_name must be a filing name, got " + docName);
                }
                JsonNode pageNum = item.get("evidence_page_num");
                if (pageNum == null
                        || !pageNum.isIntegralNumber()
                        || !pageNum.canConvertToInt()
                        || pageNum.intValue() < 0) {
                    throw new SluiceException(at + field + ".evidence_page_num must be a whole number >= 0"
                            + " (FinanceBench counts pages from 0), got " + pageNum);
                }
                String doc = docName.asText();
                int page = pageNum.intValue() + 1;
                int count = pageCount(docs, doc, at, field + ".doc_name", pageCounts);
                if (page > count) {
                    throw new SluiceException(String.format(
                            Locale.ROOT,
                            "%s%s.evidence_page_num %d (page %d counting from 1) is beyond the last page of %s,"
                                    + " which has %d pages",
                            at,
                            field,
                            pageNum.intValue(),
                            page,
                            docs.resolve(doc + ".pdf"),
                            count));
                }
                pages.computeIfAbsent(doc, d -> new LinkedHashSet<>()).add(page);
            }
            List<Map<String, Object>> relevant = new ArrayList<>();
            pages.forEach((doc, set) -> {
                documents.add(prefix + doc + ".pdf");
                for (int page : set) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("doc", prefix + doc + ".pdf");
                    entry.put("page", page);
                    relevant.add(entry);
                }
            });
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", id);
            line.put("question", question);
            if (answer != null) {
                line.put("answer", answer);
            }
            line.put("relevant", relevant);
            try {
                lines.append(JSON.writeValueAsString(line)).append('\n');
            } catch (JsonProcessingException e) {
                throw new SluiceException(at + "cannot write the question as JSON: " + e.getOriginalMessage(), e);
            }
            counts[0]++;
            counts[1] += relevant.size();
        });
        if (counts[0] == 0) {
            throw new SluiceException(questions + " has no questions; an eval set needs at least one");
        }
        write(out, lines.toString());
        return new Result(out, counts[0], counts[1], new ArrayList<>(documents));
    }

    /** The page count of {@code <docs>/<name>.pdf}, read once per filing. */
    private static int pageCount(Path docs, String name, String at, String field, Map<String, Integer> cache) {
        Integer known = cache.get(name);
        if (known != null) {
            return known;
        }
        Path pdf = docs.resolve(name + ".pdf");
        if (!Files.isRegularFile(pdf)) {
            throw new SluiceException(at + field + " '" + name + "': no file " + pdf
                    + "; check --docs, which must hold the filings as <doc_name>.pdf");
        }
        int count;
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            count = document.getNumberOfPages();
        } catch (IOException e) {
            throw new SluiceException(
                    at + field + " '" + name + "': cannot read " + pdf + " as a PDF: " + e.getMessage(), e);
        }
        cache.put(name, count);
        return count;
    }

    /** Writes beside the target and moves into place, so a failed write leaves no half set. */
    private static void write(Path out, String text) {
        Path absolute = out.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(
                    absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + "; check that its folder is writable", e);
        }
    }
}
