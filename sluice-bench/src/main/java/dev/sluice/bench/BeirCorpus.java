package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.SluiceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/** Reads a BEIR-format collection: corpus.jsonl(.gz), queries.jsonl, qrels/*.tsv. */
public final class BeirCorpus {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One corpus entry. */
    public record Doc(String id, String title, String text) {}

    /** One query. */
    public record Query(String id, String text) {}

    private BeirCorpus() {}

    /** The SciFact train collection beside the project, when present. */
    public static Path defaultScifact() {
        return Path.of("..", "shared", "data", "scifact-train");
    }

    public static List<Doc> readCorpus(Path file, int limit) {
        List<Doc> docs = new ArrayList<>();
        readJsonLines(
                file,
                limit,
                node -> docs.add(new Doc(
                        node.path("_id").asText(),
                        node.path("title").asText(""),
                        node.path("text").asText(""))));
        return docs;
    }

    public static List<Query> readQueries(Path file, int limit) {
        List<Query> queries = new ArrayList<>();
        readJsonLines(
                file,
                limit,
                node -> queries.add(
                        new Query(node.path("_id").asText(), node.path("text").asText())));
        return queries;
    }

    /** query id -> relevant corpus ids (grade > 0). */
    public static Map<String, Set<String>> readQrels(Path file) {
        Map<String, Set<String>> qrels = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine(); // header
            while ((line = reader.readLine()) != null) {
                String[] cols = line.split("\t");
                if (cols.length >= 3 && Integer.parseInt(cols[2].trim()) > 0) {
                    qrels.computeIfAbsent(cols[0], q -> new HashSet<>()).add(cols[1]);
                }
            }
        } catch (IOException e) {
            throw new SluiceException("cannot read qrels " + file + ": " + e.getMessage(), e);
        }
        return qrels;
    }

    private static void readJsonLines(Path file, int limit, java.util.function.Consumer<JsonNode> sink) {
        if (!Files.isRegularFile(file)) {
            throw new SluiceException(
                    "no BEIR file at " + file + "; pass --corpus, or use --generated N for generated text");
        }
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            int lineNo = 0;
            while ((line = reader.readLine()) != null && n < limit) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    sink.accept(MAPPER.readTree(line));
                } catch (IOException e) {
                    throw new SluiceException(file + " line " + lineNo + ": not valid JSON: " + e.getMessage());
                }
                n++;
            }
        } catch (IOException e) {
            throw new SluiceException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
