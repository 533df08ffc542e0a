package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.ItemFailure;
import dev.sluice.extract.Block;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.extract.ExtractedDocument;
import dev.sluice.quality.TextNormalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the labelled sample of real passages behind sluice-core's near-duplicate precision and
 * recall test ({@code NearDuplicatePrecisionRecallTest}): SciFact abstracts; pages of SEC filings,
 * each with the most similar page of the same company's filing of another year, kept when that page
 * states different figures (at least three figures, years left out, in one page and not the other)
 * and choosing the most similar such pairs of each company (the hard negatives); and web pages in two real extractions each (ours of the
 * saved page, ours of Readability's extraction of it). Every passage is marked {@code dev} or {@code
 * held-back}, alternately within its kind. The test makes the edited copies itself.
 *
 * <p>Rebuild: {@code sluice bench dedup-sample --out
 * sluice-core/src/test/resources/quality/near-duplicates.jsonl.gz}. Deterministic for a seed.
 */
final class DedupSample {
    /** Pairs of one company's filings, earlier year first. */
    static final List<List<String>> FILING_PAIRS = List.of(
            List.of("CORNING_2020_10K.pdf", "CORNING_2021_10K.pdf"),
            List.of("LOCKHEEDMARTIN_2021_10K.pdf", "LOCKHEEDMARTIN_2022_10K.pdf"),
            List.of("GENERALMILLS_2019_10K.pdf", "GENERALMILLS_2022_10K.pdf"),
            List.of("BESTBUY_2017_10K.pdf", "BESTBUY_2023_10K.pdf"),
            List.of("NETFLIX_2015_10K.pdf", "NETFLIX_2017_10K.pdf"));

    static final List<String> WEB_PAGES = List.of("001", "aclu", "bbc-1", "blogger", "cnn", "dropbox-blog");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    // A figure: a number with a separator or at least three digits, years 1990-2039 left out.
    private static final Pattern FIGURE = Pattern.compile("\\d[\\d,]*\\.\\d+|\\d{1,3}(?:,\\d{3})+|\\d{3,}");
    private static final Pattern YEAR = Pattern.compile("(?:199|20[0-3])\\d");

    record Options(Path data, int abstracts, int pairsPerCompany, long seed, Path out) {}

    private DedupSample() {}

    static void write(Options options, PrintWriter log) throws IOException {
        write(options, log, new BenchReport());
    }

    /** As {@link #write(Options, PrintWriter)}, recording what the sample holds in {@code report}. */
    static void write(Options options, PrintWriter log, BenchReport report) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> records = new ArrayList<>();
        Random random = new Random(options.seed());

        List<BeirCorpus.Doc> corpus = BeirCorpus.readCorpus(
                options.data().resolve("scifact-train").resolve("corpus.jsonl.gz"), Integer.MAX_VALUE);
        List<BeirCorpus.Doc> drawn = new ArrayList<>(corpus);
        Collections.shuffle(drawn, random);
        for (int i = 0; i < options.abstracts() && i < drawn.size(); i++) {
            BeirCorpus.Doc doc = drawn.get(i);
            records.add(record(json, "scifact/" + doc.id(), "abstract", i, doc.title() + "\n" + doc.text()));
        }

        DocumentExtractor extractor = new DocumentExtractor();
        Path filings = options.data().resolve("documents").resolve("filings");
        int restated = 0;
        int pairs = 0;
        for (List<String> pair : FILING_PAIRS) {
            Map<Integer, String> earlier = pages(extractor, filings.resolve(pair.get(0)));
            Map<Integer, String> later = pages(extractor, filings.resolve(pair.get(1)));
            Map<Integer, Set<String>> laterShingles = new HashMap<>();
            later.forEach((page, text) -> laterShingles.put(page, shingles(text)));
            List<double[]> eligible = new ArrayList<>();
            for (Map.Entry<Integer, String> page : earlier.entrySet()) {
                int words = words(page.getValue()).size();
                if (words < 150 || words > 900) {
                    continue;
                }
                Set<String> shingles = shingles(page.getValue());
                int best = -1;
                double bestJaccard = -1;
                for (Map.Entry<Integer, Set<String>> other : laterShingles.entrySet()) {
                    double jaccard = jaccard(shingles, other.getValue());
                    if (jaccard > bestJaccard) {
                        bestJaccard = jaccard;
                        best = other.getKey();
                    }
                }
                if (bestJaccard < 0.3 || words(later.get(best)).size() > 900) {
                    continue;
                }
                if (differingFigures(page.getValue(), later.get(best)) < 3) {
                    restated++; // the same text in another year: no different figures, not a negative
                    continue;
                }
                eligible.add(new double[] {page.getKey(), best, bestJaccard});
            }
            // The hardest negatives: the most similar pairs, then in page order for the alternating split.
            eligible.sort((a, b) -> Double.compare(b[2], a[2]));
            List<double[]> chosen = new ArrayList<>();
            Set<Integer> laterUsed = new HashSet<>();
            for (double[] candidate : eligible) {
                if (chosen.size() < options.pairsPerCompany() && laterUsed.add((int) candidate[1])) {
                    chosen.add(candidate);
                }
            }
            chosen.sort((a, b) -> Double.compare(a[0], b[0]));
            int index = 0;
            for (double[] chosenPair : chosen) {
                int earlierPage = (int) chosenPair[0];
                int laterPage = (int) chosenPair[1];
                ObjectNode node = record(
                        json, "filing/" + pair.get(0) + "#" + earlierPage, "filing", index++, earlier.get(earlierPage));
                node.put("otherYearId", "filing/" + pair.get(1) + "#" + laterPage);
                node.put("otherYear", later.get(laterPage));
                records.add(node);
                pairs++;
            }
        }

        Path web = options.data().resolve("documents").resolve("html");
        for (int i = 0; i < WEB_PAGES.size(); i++) {
            String page = WEB_PAGES.get(i);
            ObjectNode node = record(
                    json,
                    "web/" + page,
                    "web",
                    i,
                    text(extractor, web.resolve(page).resolve("source.html")));
            node.put("reextracted", text(extractor, web.resolve(page).resolve("expected.html")));
            records.add(node);
        }

        Files.createDirectories(options.out().toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(options.out());
                OutputStream gzip = new GZIPOutputStream(file);
                Writer out = new java.io.OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            for (ObjectNode node : records) {
                out.write(json.writeValueAsString(node));
                out.write('\n');
            }
        }
        log.printf(
                Locale.ROOT,
                "wrote %s: %d abstracts, %d filing pages with their other-year page (%d pairs restating the same"
                        + " text without different figures left out), %d web pages in two extractions; %d bytes%n",
                options.out(),
                Math.min(options.abstracts(), drawn.size()),
                pairs,
                restated,
                WEB_PAGES.size(),
                Files.size(options.out()));
        report.figure("abstracts", "count", Math.min(options.abstracts(), drawn.size()))
                .figure("filingPairs", "count", pairs)
                .figure("restatedPairsLeftOut", "count", restated)
                .figure("webPages", "count", WEB_PAGES.size())
                .figure("sampleSize", "bytes", Files.size(options.out()))
                .result("sampleFile", options.out().toString());
    }

    private static ObjectNode record(ObjectMapper json, String id, String kind, int index, String text) {
        ObjectNode node = json.createObjectNode();
        node.put("id", id);
        node.put("kind", kind);
        node.put("split", index % 2 == 0 ? "dev" : "held-back");
        node.put("text", text);
        return node;
    }

    /** Page number to the page's normalized blocks, one a line. */
    private static Map<Integer, String> pages(DocumentExtractor extractor, Path file) throws IOException {
        Map<Integer, StringBuilder> pages = new TreeMap<>();
        for (Block block : extract(extractor, file).blocks()) {
            String text = TextNormalizer.normalizeText(block.text());
            if (!text.isEmpty()) {
                pages.computeIfAbsent(block.page(), p -> new StringBuilder())
                        .append(text)
                        .append('\n');
            }
        }
        Map<Integer, String> result = new TreeMap<>();
        pages.forEach((page, text) -> result.put(page, text.toString().strip()));
        return result;
    }

    private static String text(DocumentExtractor extractor, Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Block block : extract(extractor, file).blocks()) {
            String line = TextNormalizer.normalizeText(block.text());
            if (!line.isEmpty()) {
                text.append(line).append('\n');
            }
        }
        return text.toString().strip();
    }

    private static ExtractedDocument extract(DocumentExtractor extractor, Path file) throws IOException {
        try {
            return extractor.extract(file, file.toUri().toString());
        } catch (ItemFailure e) {
            throw new IOException("cannot extract " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static Set<String> shingles(String text) {
        List<String> words = words(text);
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + 5 <= words.size(); i++) {
            shingles.add(String.join(" ", words.subList(i, i + 5)));
        }
        return shingles;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        int common = 0;
        for (String s : a) {
            if (b.contains(s)) {
                common++;
            }
        }
        int union = a.size() + b.size() - common;
        return union == 0 ? 1 : (double) common / union;
    }

    /** Figures (not years) in one text and not the other, counted with repeats, both ways. */
    static int differingFigures(String a, String b) {
        Map<String, Integer> count = new HashMap<>();
        figures(a).forEach(f -> count.merge(f, 1, Integer::sum));
        figures(b).forEach(f -> count.merge(f, -1, Integer::sum));
        return count.values().stream().mapToInt(Math::abs).sum();
    }

    private static List<String> figures(String text) {
        List<String> figures = new ArrayList<>();
        Matcher m = FIGURE.matcher(text);
        while (m.find()) {
            if (!YEAR.matcher(m.group()).matches()) {
                figures.add(m.group());
            }
        }
        return figures;
    }
}
