package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's JSON Schema of sluice.yaml ({@code docs/sluice.schema.json}), as the tests read it. */
final class SchemaFile {
    private SchemaFile() {}

    static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("sluice-core"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no project root with README.md above " + Path.of("").toAbsolutePath());
    }

    static Path path() {
        return projectRoot().resolve("docs").resolve("sluice.schema.json");
    }

    static String text() {
        try {
            return Files.readString(path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree() {
        try {
            return new ObjectMapper().readTree(text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
