package dev.sluice.cli;

import dev.sluice.KnowledgeBase;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.core.UsageException;
import dev.sluice.ingest.AdHocSource;
import dev.sluice.source.Source;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which sources a {@code sluice sync} without PATH runs: {@code --source NAME} picks some of them; without
 * sources in sluice.yaml, the folders earlier {@code sluice ingest DIR} runs named, as the catalog remembers
 * them (with their globs).
 */
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

    /**
     * Without sources in sluice.yaml: the folders earlier runs were given as PATH (and the uploads when
     * there are some), saying so on {@code err}; empty when sluice.yaml names sources or nothing is remembered.
     */
    static List<Source> remembered(KnowledgeBase kb, EffectiveConfig config, PrintWriter err) {
        if (!config.sources().isEmpty() || !kb.hasCatalog()) {
            return List.of();
        }
        List<AdHocSource> remembered = kb.adHocSources().all();
        if (remembered.isEmpty()) {
            return List.of();
        }
        err.println("no sources in " + config.file().map(Object::toString).orElse("a sluice.yaml")
                + ": syncing the folders earlier runs ingested: "
                + remembered.stream().map(s -> s.name() + " (" + s.root() + ")").collect(Collectors.joining(", ")));
        err.flush();
        List<Source> out = new ArrayList<>(kb.configuredSources()); // the uploads, once there are some
        remembered.stream()
                .filter(r -> out.stream().noneMatch(s -> s.name().equals(r.name())))
                .forEach(r -> out.add(r.source()));
        return out;
    }

    /** Records the PATH arguments of a finished run (but those whose source failed) for a later sync. */
    static void remember(KnowledgeBase kb, List<AdHocSource> sources, Set<String> failed) {
        List<AdHocSource> ok =
                sources.stream().filter(s -> !failed.contains(s.name())).toList();
        if (!ok.isEmpty()) {
            kb.adHocSources().remember(ok, System.currentTimeMillis());
        }
    }
}
