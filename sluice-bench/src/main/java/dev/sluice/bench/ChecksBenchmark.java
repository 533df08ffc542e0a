package dev.sluice.bench;

import dev.sluice.core.ItemFailure;
import dev.sluice.extract.DocumentExtractor;
import dev.sluice.quality.GarbleCheck;
import dev.sluice.quality.InjectionScanner;
import dev.sluice.quality.LanguageDetector;
import dev.sluice.quality.PiiScanner;
import dev.sluice.quality.TextNormalizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Throughput of the per-document quality checks (language, garbled text, PII, injection) on the
 * extracted text of real documents, each check alone and all together, on one thread, beside the
 * extraction and normalization of the same files in the same run: the part of ingestion the checks
 * are added to. Each figure is the median of the rounds, after a warm-up round.
 */
final class ChecksBenchmark {
    record Options(Path folder, int rounds) {}

    private ChecksBenchmark() {}

    static void run(Options options, PrintWriter out) throws IOException {
        run(options, out, new BenchReport());
    }

    /**
     * As {@link #run(Options, PrintWriter)}, recording each check's documents/s beside extraction's in {@code
     * report}.
     */
    static void run(Options options, PrintWriter out, BenchReport report) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(options.folder())) {
            files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".pdf"))
                    .sorted()
                    .toList();
        }
        out.println("bench checks: " + files.size() + " PDFs in " + options.folder() + "; " + Stats.machine());

        List<String> texts = new ArrayList<>();
        long pdfBytes = 0;
        long t0 = System.nanoTime();
        TextNormalizer normalizer = new TextNormalizer();
        try (DocumentExtractor extractor = new DocumentExtractor()) {
            for (Path f : files) {
                try {
                    texts.add(normalizer
                            .normalize(extractor.extract(f, f.toUri().toString()))
                            .text());
                    pdfBytes += Files.size(f);
                } catch (ItemFailure e) {
                    out.println("  skipped " + f.getFileName() + ": " + e.getMessage());
                }
            }
        }
        double extractSeconds = (System.nanoTime() - t0) / 1e9;
        long textBytes = texts.stream()
                .mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length)
                .sum();
        double textMb = textBytes / 1e6;
        out.printf(
                Locale.ROOT,
                "extraction + normalization (baseline, 1 round, 1 thread): %d documents, %.1f MB of PDF -> %.1f MB of"
                        + " text in %.1f s: %.2f documents/s%n",
                texts.size(),
                pdfBytes / 1e6,
                textMb,
                extractSeconds,
                texts.size() / extractSeconds);
        report.figure("documents", "count", texts.size())
                .figure("pdf", "MB", pdfBytes / 1e6)
                .figure("text", "MB", textMb)
                .figure("extractSeconds", "s", extractSeconds)
                .figure("extractDocumentsPerSecond", "docs/s", texts.size() / extractSeconds);

        long load = System.nanoTime();
        LanguageDetector language = LanguageDetector.shared();
        double loadSeconds = (System.nanoTime() - load) / 1e9;
        out.printf(Locale.ROOT, "language profiles loaded once in %.2f s%n", loadSeconds);
        report.figure("languageProfilesLoadSeconds", "s", loadSeconds);
        GarbleCheck garble = new GarbleCheck();
        PiiScanner pii = new PiiScanner();
        InjectionScanner injection = InjectionScanner.shared();

        Map<String, Consumer<String>> checks = new LinkedHashMap<>();
        checks.put("language", language::detect);
        checks.put("garbled", garble::check);
        checks.put("pii", pii::scan);
        checks.put("injection", injection::scan);
        checks.put("all four", t -> {
            language.detect(t);
            garble.check(t);
            pii.scan(t);
            injection.scan(t);
        });

        for (Consumer<String> c : checks.values()) {
            texts.forEach(c); // warm-up
        }
        Map<String, double[]> seconds = new LinkedHashMap<>();
        for (int r = 0; r < options.rounds(); r++) {
            for (Map.Entry<String, Consumer<String>> c : checks.entrySet()) {
                long start = System.nanoTime();
                texts.forEach(c.getValue());
                seconds.computeIfAbsent(c.getKey(), k -> new double[options.rounds()])[r] =
                        (System.nanoTime() - start) / 1e9;
            }
        }
        out.printf(Locale.ROOT, "%-10s %12s %12s %10s %12s%n", "check", "documents/s", "MB/s", "ms/doc", "vs extract");
        for (Map.Entry<String, double[]> e : seconds.entrySet()) {
            double s = median(e.getValue());
            out.printf(
                    Locale.ROOT,
                    "%-10s %12.1f %12.1f %10.1f %11.1f%%%n",
                    e.getKey(),
                    texts.size() / s,
                    textMb / s,
                    1000 * s / texts.size(),
                    100 * s / extractSeconds);
            String name = e.getKey().equals("all four") ? "allFour" : e.getKey();
            String extract = "extraction + normalization (same run)";
            report.figure(
                            name + "DocumentsPerSecond",
                            "docs/s",
                            texts.size() / s,
                            extract,
                            texts.size() / extractSeconds)
                    .figure(name + "MegabytesPerSecond", "MB/s", textMb / s)
                    .figure(name + "PerDocument", "ms", 1000 * s / texts.size())
                    .figure(name + "ShareOfExtract", "share", s / extractSeconds);
        }
        int piiHits = 0;
        int injectionHits = 0;
        int garbled = 0;
        for (String t : texts) {
            piiHits += pii.scan(t).size();
            injectionHits += injection.scan(t).size();
            garbled += garble.check(t).garbled() ? 1 : 0;
        }
        out.printf(
                Locale.ROOT,
                "found: %d PII hits, %d injection hits, %d garbled documents (median of %d rounds; %s)%n",
                piiHits,
                injectionHits,
                garbled,
                options.rounds(),
                Arrays.toString(seconds.get("all four")));
        report.figure("piiHits", "count", piiHits)
                .figure("injectionHits", "count", injectionHits)
                .figure("garbledDocuments", "count", garbled)
                .result("allFourRoundSeconds", seconds.get("all four"));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
