package dev.sluice.bench.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.core.ItemFailure;
import dev.sluice.extract.Block;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.TextNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Cuts real documents into passages of {@link #MIN_CHARS}..{@link #MAX_CHARS} characters: the SEC
 * filings, saved HTML pages and sample PDFs of the shared data through Sluice's own extractor and
 * normalizer (so the passages are what the checks see in a sync), SciFact abstracts, and excerpts of
 * Sluice's own source files for code.
 */
final class Passages {
    static final int MIN_CHARS = 250;
    static final int MAX_CHARS = 600;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Passages() {}

    /** Passages of each extracted document under {@code documents/} (filings, html, pdf). */
    static List<Passage> documents(Path documents) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(documents)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = documents.relativize(p).toString().replace('\\', '/');
                        return name.startsWith("filings/")
                                || name.endsWith("/source.html")
                                || name.startsWith("pdf/") && name.endsWith(".pdf");
                    })
                    .sorted()
                    .toList();
        }
        List<Passage> out = new ArrayList<>();
        TextNormalizer normalizer = new TextNormalizer();
        try (DocumentExtractor extractor = new DocumentExtractor()) {
            for (Path file : files) {
                String name = documents.relativize(file).toString().replace('\\', '/');
                NormalizedDocument doc;
                try {
                    doc = normalizer.normalize(
                            extractor.extract(file, file.toUri().toString()));
                } catch (ItemFailure e) {
                    continue; // the encrypted sample PDF
                }
                String kind = name.startsWith("filings/") ? "prose" : name.startsWith("html/") ? "html" : "pdf";
                out.addAll(cut(name, kind, doc));
            }
        }
        return out;
    }

    /** Consecutive blocks of one kind (table rows or not) grouped up to the size limits. */
    static List<Passage> cut(String name, String kind, NormalizedDocument doc) {
        List<Passage> out = new ArrayList<>();
        List<NormalizedDocument.Span> spans = doc.spans();
        int i = 0;
        while (i < spans.size()) {
            boolean table = spans.get(i).tablePart() != Block.TablePart.NONE;
            StringBuilder text = new StringBuilder();
            int first = i;
            while (i < spans.size() && (spans.get(i).tablePart() != Block.TablePart.NONE) == table) {
                NormalizedDocument.Span s = spans.get(i);
                String block = doc.text().substring(s.start(), s.end());
                if (!text.isEmpty() && text.length() + 2 + block.length() > MAX_CHARS) {
                    break;
                }
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(block.length() > MAX_CHARS ? cutAtSentence(block) : block);
                i++;
                if (text.length() >= MAX_CHARS) {
                    break;
                }
            }
            if (i == first) {
                i++;
            }
            if (text.length() >= MIN_CHARS) {
                String passageKind = table && kind.equals("prose") ? "table" : kind;
                if (first < 40
                        && name.startsWith("filings/")
                        && text.toString().toLowerCase(java.util.Locale.ROOT).contains("telephone")) {
                    passageKind = "cover"; // the cover page, with the registrant's telephone number
                }
                out.add(new Passage(name + " blocks " + first + "-" + (i - 1), name, passageKind, text.toString()));
            }
        }
        return out;
    }

    private static String cutAtSentence(String block) {
        int cut = block.lastIndexOf(". ", MAX_CHARS);
        return cut > MIN_CHARS ? block.substring(0, cut + 1) : block.substring(0, MAX_CHARS);
    }

    /** SciFact abstracts of a suitable length. */
    static List<Passage> abstracts(Path corpus) throws IOException {
        List<Passage> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode node = JSON.readTree(line);
                String text = TextNormalizer.normalizeText(node.path("text").asText(""));
                if (text.length() > MAX_CHARS) {
                    text = cutAtSentence(text);
                }
                if (text.length() >= MIN_CHARS) {
                    String id = node.path("_id").asText();
                    out.add(new Passage("scifact-train/corpus.jsonl.gz _id " + id, "scifact " + id, "abstract", text));
                }
            }
        }
        return out;
    }

    /**
     * Excerpts of Sluice's own sources (Java, the POM, the launcher script), split into blocks at blank
     * lines and normalized as a plain-text file would be.
     */
    static List<Passage> code(Path repository) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(repository.resolve("sluice-core/src/main/java"))) {
            // not the quality package: its sources hold examples of the very faults the checks look for
            s.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("quality"))
                    .sorted()
                    .forEach(files::add);
        }
        files.add(repository.resolve("pom.xml"));
        files.add(repository.resolve("sluice"));
        List<Passage> out = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String name = repository.relativize(file).toString().replace('\\', '/');
            int start = 0;
            while (start < lines.size()) {
                StringBuilder text = new StringBuilder();
                StringBuilder block = new StringBuilder();
                int end = start;
                while (end < lines.size() && text.length() + block.length() < MAX_CHARS) {
                    String line = lines.get(end++);
                    if (line.isBlank()) {
                        flush(text, block);
                    } else {
                        block.append(line).append('\n');
                    }
                }
                flush(text, block);
                if (text.length() >= MIN_CHARS && text.length() <= MAX_CHARS + 200) {
                    out.add(new Passage(name + " lines " + (start + 1) + "-" + end, name, "code", text.toString()));
                }
                start = end;
            }
        }
        return out;
    }

    private static void flush(StringBuilder text, StringBuilder block) {
        String normalized = TextNormalizer.normalizeText(block.toString());
        block.setLength(0);
        if (normalized.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(normalized);
    }
}
