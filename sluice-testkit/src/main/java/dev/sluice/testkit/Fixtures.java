package dev.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Fixtures shared by the tests of every module, shipped in this jar and copied to a folder on first
 * use (a module's tests run in its own folder, so a relative path into another module would break).
 */
public final class Fixtures {
    private static final List<String> TINY_BEIR_FILES = List.of("corpus.jsonl", "queries.jsonl", "qrels/test.tsv");
    private static Path tinyBeir;

    private Fixtures() {}

    /**
     * A ten-document BEIR collection ({@code corpus.jsonl}, {@code queries.jsonl}, {@code qrels/test.tsv})
     * in a folder named {@code tiny-beir}, so its documents are {@code beir:tiny-beir/<id>}. Read only.
     */
    public static synchronized Path tinyBeir() {
        if (tinyBeir == null) {
            tinyBeir = copy("tiny-beir", TINY_BEIR_FILES);
        }
        return tinyBeir;
    }

    private static Path copy(String name, List<String> files) {
        try {
            Path root = Files.createTempDirectory("sluice-fixture-").resolve(name);
            for (String file : files) {
                Path target = root.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = Fixtures.class.getResourceAsStream(name + "/" + file)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "fixture " + name + "/" + file + " is missing from sluice-testkit");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy fixture " + name, e);
        }
    }
}
