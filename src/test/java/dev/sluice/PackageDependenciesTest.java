package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph is the architecture: stages depend only on earlier stages, and nothing
 * depends on the faces (cli, bench). Checked over the import statements of the main sources.
 */
class PackageDependenciesTest {
    /** Flow order; a package may import only packages listed before it (and itself). */
    private static final List<String> LAYERS = List.of(
            "core",
            "source",
            "extract",
            "quality",
            "chunk",
            "embed",
            "index",
            "catalog",
            "retrieve",
            "eval",
            "llm",
            "answer",
            "ingest",
            "config",
            "",
            "serve",
            "bench", // bench serve loads the service, so the benchmarks sit above it
            "cli");

    private static final Pattern IMPORT =
            Pattern.compile("^import (?:static )?dev\\.sluice\\.([a-z]+)?\\.?", Pattern.MULTILINE);

    private static String layerOf(Path file, Path root) {
        Path rel = root.relativize(file.getParent());
        return rel.getNameCount() == 0 || rel.toString().isEmpty()
                ? ""
                : rel.getName(0).toString();
    }

    @Test
    void should_only_import_earlier_stages_and_never_the_faces() throws IOException {
        Path root = Path.of("src", "main", "java", "dev", "sluice");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = layerOf(file, root);
                assertThat(LAYERS)
                        .as("package of %s is missing from LAYERS", file)
                        .contains(layer);
                String source = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    String target = m.group(1) == null ? "" : m.group(1);
                    if (!LAYERS.contains(target)) {
                        target = ""; // a class of the root package, such as dev.sluice.Sluice
                    }
                    if (LAYERS.indexOf(target) > LAYERS.indexOf(layer)) {
                        violations.add(file + " imports dev.sluice." + target);
                    }
                }
            }
        }
        assertThat(violations).as("imports against the flow").isEmpty();
    }
}
