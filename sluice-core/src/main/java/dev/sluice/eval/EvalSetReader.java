package dev.sluice.eval;

import dev.sluice.core.Checks;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads evaluation sets from files: the BEIR layout and Sluice's own JSON lines. Every problem is a
 * {@link SluiceException} whose message starts with the file and line ({@code queries.jsonl line 7:
 * not valid JSON: ...}) and, where there is one, says how to fix it. Files are UTF-8; blank lines
 * are skipped.
 *
 * <p>BEIR: {@code queries.jsonl} holds {@code {"_id", "text"}} per line, {@code qrels/<split>.tsv}
 * holds {@code query-id TAB corpus-id TAB score} (the header line is optional), and {@code
 * corpus.jsonl} or {@code corpus.jsonl.gz} holds {@code {"_id", "title", "text"}}. Only queries that
 * the qrels judge are kept, as BEIR's own loader does. A qrels line naming a query that {@code
 * queries.jsonl} lacks is an error, not a warning: dropping it silently would change the number of
 * queries that averages divide by.
 *
 * <p>Sluice JSON lines: one object per line, {@code {"id": "q1", "question": "...", "relevant":
 * ["doc-a", {"id": "doc-b", "grade": 2}], "answer": "optional reference"}}. A plain string in {@code
 * relevant} has grade 1; ids may be document ids or URIs. {@code relevant} must not be empty: a
 * query without judgments could only score 0. Grades {@code <= 0} are allowed and mean judged
 * non-relevant. Unknown fields are ignored. An entry may also name evidence inside its document:
 * {@code {"doc": "filings/3M_2018_10K.pdf", "page": 60}} (1-based; a list of pages gives one item per
 * page) or {@code {"doc": "...", "passage": "quoted text"}}; see {@link RelevantEntries}.
 */
public final class EvalSetReader {
    private EvalSetReader() {}

    /**
     * Reads what {@code sluice eval run --set PATH} names: a Sluice .jsonl file, or a BEIR folder's
     * queries and qrels of one split (with {@code split} null, the only split present).
     *
     * @throws UsageException when there is nothing at the path, or the split must be named
     */
    public static EvalSet read(Path set, String split) {
        Checks.notNull("set", set);
        if (Files.isRegularFile(set)) {
            return readJsonl(set);
        }
        if (!Files.isDirectory(set)) {
            throw new UsageException("no eval set at " + set + "; give a BEIR folder or a .jsonl file");
        }
        String chosen = split;
        if (chosen == null) {
            List<String> splits = splitNames(set.resolve("qrels"));
            if (splits.size() != 1) {
                throw new UsageException("--split: " + set + "/qrels holds " + (splits.isEmpty() ? "no split" : splits)
                        + "; name one with --split");
            }
            chosen = splits.getFirst();
        }
        return readBeir(set, chosen);
    }

    /**
     * Reads {@code queries.jsonl} and {@code qrels/<split>.tsv} of a BEIR folder. The set is named
     * {@code <folder name>/<split>}.
     */
    public static EvalSet readBeir(Path folder, String split) {
        Checks.notNull("folder", folder);
        Checks.notNull("split", split);
        if (split.isBlank() || split.contains("/") || split.contains("\\")) {
            throw new SluiceException("split must be a plain name such as test, dev or train, got '" + split + "'");
        }
        Path queriesFile = jsonl(folder, "queries");
        Path qrelsFile = folder.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new SluiceException("no qrels file " + qrelsFile + "; splits present: " + splits(folder));
        }
        Map<String, Located<EvalQuery>> queries = new LinkedHashMap<>();
        JsonLines.forEachObject(queriesFile, (lineNo, node) -> {
            String id = JsonLines.requiredId(node, "_id", queriesFile, lineNo);
            String text = JsonLines.requiredText(node, "text", queriesFile, lineNo);
            addUnique(queries, id, new Located<>(new EvalQuery(id, text, null), lineNo), "query", queriesFile);
        });
        if (queries.isEmpty()) {
            throw new SluiceException(queriesFile + " has no queries; an eval set needs at least one");
        }
        Qrels qrels = readQrelsTsv(qrelsFile);
        checkJudgedQueriesExist(qrels, queries.keySet(), queriesFile);
        List<EvalQuery> judged = queries.values().stream()
                .map(Located::value)
                .filter(q -> qrels.contains(q.id()))
                .toList();
        String name = folder.toAbsolutePath().normalize().getFileName() + "/" + split;
        return new EvalSet(name, judged, qrels);
    }

    /**
     * Streams the documents of a BEIR folder's {@code corpus.jsonl} (or {@code corpus.jsonl.gz}) to
     * {@code sink}, in file order, and returns how many there were. {@code title} and {@code text}
     * may be absent (read as empty); {@code _id} must be present and unique.
     */
    public static long readBeirCorpus(Path folder, Consumer<CorpusDoc> sink) {
        Checks.notNull("folder", folder);
        Checks.notNull("sink", sink);
        Path corpusFile = jsonl(folder, "corpus");
        Map<String, Integer> lineOfId = new HashMap<>();
        long[] count = {0};
        JsonLines.forEachObject(corpusFile, (lineNo, node) -> {
            String id = JsonLines.requiredId(node, "_id", corpusFile, lineNo);
            Integer first = lineOfId.putIfAbsent(id, lineNo);
            if (first != null) {
                throw new SluiceException(JsonLines.at(corpusFile, lineNo) + "duplicate document id '" + id
                        + "' (first at line " + first + ")");
            }
            sink.accept(new CorpusDoc(
                    id,
                    JsonLines.optionalText(node, "title", "", corpusFile, lineNo),
                    JsonLines.optionalText(node, "text", "", corpusFile, lineNo)));
            count[0]++;
        });
        return count[0];
    }

    /**
     * Reads a BEIR qrels TSV file: {@code query-id TAB corpus-id TAB score}, an optional header line
     * first, integer scores.
     */
    public static Qrels readQrelsTsv(Path file) {
        Checks.notNull("file", file);
        List<Qrels.Judgment> judgments = new ArrayList<>();
        boolean[] firstLine = {true};
        JsonLines.forEachLine(file, (lineNo, line) -> {
            String[] cols = line.split("\t", -1);
            boolean header = firstLine[0] && cols[0].strip().equalsIgnoreCase("query-id");
            firstLine[0] = false;
            if (header) {
                return;
            }
            if (cols.length != 3) {
                throw new SluiceException(JsonLines.at(file, lineNo)
                        + "expected 3 tab-separated columns (query-id, corpus-id, score), got " + cols.length
                        + (cols.length == 4
                                ? "; TREC qrels (query 0 doc grade) need their second column dropped"
                                : ""));
            }
            String queryId = cols[0].strip();
            String docId = cols[1].strip();
            if (queryId.isEmpty() || docId.isEmpty()) {
                throw new SluiceException(
                        JsonLines.at(file, lineNo) + (queryId.isEmpty() ? "query-id" : "corpus-id") + " is blank");
            }
            int grade;
            try {
                grade = Integer.parseInt(cols[2].strip());
            } catch (NumberFormatException e) {
                throw new SluiceException(JsonLines.at(file, lineNo) + "score '" + cols[2].strip()
                        + "' is not an integer; grades are whole numbers such as 0, 1, 2");
            }
            judgments.add(new Qrels.Judgment(queryId, docId, grade, file.toString(), lineNo));
        });
        if (judgments.isEmpty()) {
            throw new SluiceException(file + " has no judgments; an eval set needs at least one judged query");
        }
        return Qrels.of(judgments);
    }

    /** Reads Sluice's own JSON-lines format (see the class notes). */
    public static EvalSet readJsonl(Path file) {
        Checks.notNull("file", file);
        Map<String, Located<EvalQuery>> queries = new LinkedHashMap<>();
        List<Qrels.Judgment> judgments = new ArrayList<>();
        Map<String, List<Evidence>> evidence = new LinkedHashMap<>();
        JsonLines.forEachObject(file, (lineNo, node) -> {
            String id = JsonLines.requiredId(node, "id", file, lineNo);
            String question = JsonLines.requiredText(node, "question", file, lineNo);
            String answer = JsonLines.optionalText(node, "answer", null, file, lineNo);
            addUnique(queries, id, new Located<>(new EvalQuery(id, question, answer), lineNo), "query", file);
            RelevantEntries entries = RelevantEntries.read(node, id, file, lineNo);
            judgments.addAll(entries.judgments());
            if (!entries.evidence().isEmpty()) {
                evidence.put(id, entries.evidence());
            }
        });
        if (queries.isEmpty()) {
            throw new SluiceException(file + " has no queries; an eval set needs at least one");
        }
        String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        return new EvalSet(name, queries.values().stream().map(Located::value).toList(), Qrels.of(judgments), evidence);
    }

    private static void checkJudgedQueriesExist(Qrels qrels, Set<String> queryIds, Path queriesFile) {
        Qrels.Judgment first = null;
        Set<String> missingIds = new HashSet<>();
        for (Qrels.Judgment j : qrels.all()) {
            if (!queryIds.contains(j.queryId())) {
                missingIds.add(j.queryId());
                if (first == null) {
                    first = j;
                }
            }
        }
        if (first != null) {
            throw new SluiceException(String.format(
                    Locale.ROOT,
                    "%s line %d: query '%s' is not in %s (%d judged queries are missing from it);"
                            + " use the queries file that belongs to these qrels",
                    first.file(),
                    first.line(),
                    first.queryId(),
                    queriesFile,
                    missingIds.size()));
        }
    }

    private static <T> void addUnique(
            Map<String, Located<T>> byId, String id, Located<T> value, String what, Path file) {
        Located<T> first = byId.putIfAbsent(id, value);
        if (first != null) {
            throw new SluiceException(JsonLines.at(file, value.line()) + "duplicate " + what + " id '" + id
                    + "' (first at line " + first.line() + "); ids must be unique");
        }
    }

    /** {@code <name>.jsonl}, else {@code <name>.jsonl.gz}. */
    private static Path jsonl(Path folder, String name) {
        Path plain = folder.resolve(name + ".jsonl");
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = folder.resolve(name + ".jsonl.gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new SluiceException("no " + name + ".jsonl (or .jsonl.gz) in " + folder
                + "; a BEIR folder holds corpus.jsonl, queries.jsonl and qrels/<split>.tsv");
    }

    private static String splits(Path folder) {
        Path qrels = folder.resolve("qrels");
        if (!Files.isDirectory(qrels)) {
            return "none (no qrels folder in " + folder + ")";
        }
        try {
            List<String> names = splitNames(qrels);
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (UncheckedIOException e) {
            return "unknown (" + e.getCause().getMessage() + ")";
        }
    }

    /** The split names of the {@code <split>.tsv} files in a qrels folder, sorted; none when it is absent. */
    private static List<String> splitNames(Path qrels) {
        if (!Files.isDirectory(qrels)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(qrels)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tsv"))
                    .map(n -> n.substring(0, n.length() - ".tsv".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + qrels, e);
        }
    }

    /** A value and the line it was read from. */
    private record Located<T>(T value, int line) {}
}
