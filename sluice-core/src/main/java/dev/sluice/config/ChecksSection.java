package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** The {@code checks} section: which quality checks run with each sync. */
final class ChecksSection extends ConfigReader {
    private static final Set<String> CHECKS = Set.of("conflicts");

    ChecksSection(Path file, Map<String, Integer> lines) {
        super(file, lines);
    }

    ChecksSettings checks(JsonNode root) {
        ChecksSettings d = ChecksSettings.DEFAULTS;
        JsonNode node = section(root, "checks", CHECKS);
        if (node.isMissingNode()) {
            return d;
        }
        return new ChecksSettings(
                node.has("conflicts") ? bool(node.get("conflicts"), "checks.conflicts") : d.conflicts());
    }
}
