package dev.sluice.extract;

import dev.sluice.core.ItemFailure;
import dev.sluice.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What reading PDF tables costs: extracts every PDF of a folder with Tika alone and with the table
 * pass, alternating, several rounds, and prints the fastest round of each per file with the rows
 * found. Not a test; run by hand:
 *
 * <pre>{@code
 * java -cp sluice-core/target/test-classes:sluice-core/target/classes:$(cat cp.txt) \
 *     dev.sluice.extract.PdfTablesTiming [folder] [rounds]
 * }</pre>
 *
 * The folder defaults to the shared data's {@code documents/filings} (20 SEC filings), rounds to 3.
 */
public final class PdfTablesTiming {
    private PdfTablesTiming() {}

    public static void main(String[] args) throws IOException, ItemFailure {
        Path folder = args.length > 0
                ? Path.of(args[0])
                : SharedData.resolve("documents/filings")
                        .orElseThrow(() -> new IllegalStateException(
                                "no folder given and shared data not found; pass a folder of PDFs"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        double[] plain = new double[files.size()];
        double[] tables = new double[files.size()];
        Arrays.fill(plain, Double.MAX_VALUE);
        Arrays.fill(tables, Double.MAX_VALUE);
        long[] rows = new long[files.size()];
        long[] pages = new long[files.size()];
        try (DocumentExtractor tika = new DocumentExtractor(ExtractionLimits.defaults(), false);
                DocumentExtractor withTables = new DocumentExtractor(ExtractionLimits.defaults(), true)) {
            for (int round = 0; round <= rounds; round++) { // round 0 warms the JIT
                for (int f = 0; f < files.size(); f++) {
                    Path file = files.get(f);
                    long start = System.nanoTime();
                    ExtractedDocument doc = tika.extract(file, file.toUri().toString());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    start = System.nanoTime();
                    ExtractedDocument rewritten =
                            withTables.extract(file, file.toUri().toString());
                    double withSeconds = (System.nanoTime() - start) / 1e9;
                    if (round > 0) {
                        plain[f] = Math.min(plain[f], seconds);
                        tables[f] = Math.min(tables[f], withSeconds);
                    }
                    pages[f] = doc.pageCount();
                    rows[f] = rewritten.blocks().stream()
                            .filter(b -> b.tablePart() == Block.TablePart.ROW)
                            .count();
                }
            }
        }
        System.out.printf(
                Locale.ROOT, "%-40s %6s %9s %9s %9s %7s%n", "file", "pages", "tika s", "+tables s", "extra s", "rows");
        double sumPlain = 0;
        double sumTables = 0;
        long sumRows = 0;
        for (int f = 0; f < files.size(); f++) {
            System.out.printf(
                    Locale.ROOT,
                    "%-40s %6d %9.2f %9.2f %9.2f %7d%n",
                    files.get(f).getFileName(),
                    pages[f],
                    plain[f],
                    tables[f],
                    tables[f] - plain[f],
                    rows[f]);
            sumPlain += plain[f];
            sumTables += tables[f];
            sumRows += rows[f];
        }
        System.out.printf(
                Locale.ROOT,
                "%-40s %6s %9.2f %9.2f %9.2f %7d%n",
                "total",
                "",
                sumPlain,
                sumTables,
                sumTables - sumPlain,
                sumRows);
        System.out.printf(
                Locale.ROOT,
                "java %s, %d cores, fastest of %d rounds after one warm-up%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                rounds);
    }
}
