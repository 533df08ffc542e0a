package dev.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Writes a benchmark corpus as Markdown files: a BEIR corpus ("# title" + text) or generated text. */
final class BenchCorpus {
    private BenchCorpus() {}

    /**
     * @param corpus a BEIR corpus.jsonl(.gz), or null for generated documents
     * @param generatedDocs how many documents to generate when {@code corpus} is null
     * @param limit at most this many corpus documents
     * @return the number of files written
     */
    static int write(Path corpus, int generatedDocs, int limit, Path dir) throws IOException {
        Files.createDirectories(dir);
        if (corpus != null) {
            int n = 0;
            for (BeirCorpus.Doc doc : BeirCorpus.readCorpus(corpus, limit)) {
                String md = (doc.title().isBlank() ? "" : "# " + doc.title() + "\n\n") + doc.text() + "\n";
                Files.writeString(dir.resolve(safeName(doc.id()) + ".md"), md, StandardCharsets.UTF_8);
                n++;
            }
            return n;
        }
        Random random = new Random(42);
        for (int i = 0; i < generatedDocs; i++) {
            Files.writeString(
                    dir.resolve(String.format(Locale.ROOT, "doc-%06d.md", i)),
                    GeneratedText.document(random),
                    StandardCharsets.UTF_8);
        }
        return generatedDocs;
    }

    /** A file name for a corpus id. */
    static String safeName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
