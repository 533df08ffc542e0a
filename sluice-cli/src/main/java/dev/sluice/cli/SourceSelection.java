package dev.sluice.cli;

import dev.sluice.core.UsageException;
import dev.sluice.source.Source;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code sluice sync --source NAME}: the named sources out of the configured ones, in the file's order. */
final class SourceSelection {
    private SourceSelection() {}

    /** The sources of {@code configured} that {@code names} names; an unknown name is a usage error listing the known ones. */
    static List<Source> named(List<Source> configured, List<String> names) {
        List<String> known = configured.stream().map(Source::name).toList();
        List<String> unknown = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("--source: no source named " + String.join(", ", unknown)
                    + (known.isEmpty()
                            ? "; sluice.yaml lists no sources (describe them under sources:)"
                            : "; known sources: " + String.join(", ", known)));
        }
        return configured.stream().filter(s -> names.contains(s.name())).toList();
    }
}
