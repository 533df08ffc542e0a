package dev.sluice.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's shared data ({@code ../shared/data} beside the repository: SciFact, real documents,
 * FinanceBench). Found by walking up from the working folder, since each module's tests run in the
 * module's own folder; {@code -Dsluice.shared.data=DIR} points elsewhere. Tests that need it skip
 * with a message when it is absent.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared data folder, if there is one. */
    public static Optional<Path> root() {
        String configured = System.getProperty("sluice.shared.data");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A folder or file under the shared data, if present. */
    public static Optional<Path> resolve(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }
}
