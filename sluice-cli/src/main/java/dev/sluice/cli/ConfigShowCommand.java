package dev.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.EffectiveSettings;
import dev.sluice.config.Flags;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Print the effective configuration: flags over sluice.yaml over the defaults, with resolved paths.",
            "With --effective, one line per key with where its value came from (flag, file and line, default)."
        })
final class ConfigShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    IndexOption index;

    @Option(names = "--effective", description = "One line per key: value and where it came from.")
    boolean effective;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Option(names = "--model", paramLabel = "ID", description = "As for ingest: the embedding model.")
    String model;

    @Option(names = "--max-tokens", paramLabel = "N", description = "As for ingest: the largest chunk.")
    Integer maxTokens;

    @Option(names = "--overlap", paramLabel = "N", description = "As for ingest: the chunk overlap.")
    Integer overlap;

    @Option(names = "--threads", paramLabel = "N", description = "As for ingest: embedding threads.")
    Integer threads;

    @Override
    public Integer call() throws JsonProcessingException {
        EffectiveConfig c = config.effective(
                index,
                Flags.NONE
                        .with(EffectiveConfig.MODEL, model, "--model")
                        .with(EffectiveConfig.MAX_TOKENS, maxTokens, "--max-tokens")
                        .with(EffectiveConfig.OVERLAP, overlap, "--overlap")
                        .with(EffectiveConfig.THREADS, threads, "--threads"));
        List<EffectiveSettings.Setting> settings = EffectiveSettings.of(c);
        PrintWriter out = spec.commandLine().getOut();
        String file = c.file().map(f -> f.toAbsolutePath().toString()).orElse("(none: built-in defaults)");
        if (effective) {
            if (json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (EffectiveSettings.Setting s : settings) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("key", s.key());
                    row.put("value", s.value());
                    row.put("origin", s.origin().toString());
                    rows.add(row);
                }
                out.println(Json.write(Map.of("file", file, "settings", rows)));
            } else {
                out.println("# file: " + file);
                int width = settings.stream()
                        .mapToInt(s ->
                                s.key().length() + 2 + String.valueOf(s.value()).length())
                        .max()
                        .orElse(20);
                for (EffectiveSettings.Setting s : settings) {
                    String line = s.key() + ": " + s.value();
                    out.printf(Locale.ROOT, "%-" + Math.min(width, 80) + "s  # %s%n", line, s.origin());
                }
            }
        } else {
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("file", file);
            settings.forEach(s -> put(nested, s.key(), s.value()));
            nested.computeIfAbsent("sources", k -> List.of());
            Map<String, Object> embedding = section(nested, "embedding");
            embedding.put("modelVersion", c.model().version());
            embedding.put("dimensions", c.model().dimensions());
            out.print(json ? Json.write(nested) + "\n" : new YAMLMapper().writeValueAsString(nested));
        }
        out.flush();
        return SluiceCli.EXIT_OK;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> map, String name) {
        return (Map<String, Object>) map.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    /** Puts {@code value} at a sluice.yaml key such as {@code sources[1].http.maxMb}. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String key, Object value) {
        String[] parts = key.split("\\.");
        Map<String, Object> at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            int bracket = part.indexOf('[');
            if (bracket > 0) {
                List<Object> list =
                        (List<Object>) at.computeIfAbsent(part.substring(0, bracket), k -> new ArrayList<>());
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                while (list.size() <= index) {
                    list.add(new LinkedHashMap<String, Object>());
                }
                at = (Map<String, Object>) list.get(index);
            } else {
                if (at.get(part) != null && !(at.get(part) instanceof Map)) {
                    // index: DIR with index.language: the mapping form of sluice.yaml, {path: DIR, language: ..}
                    Map<String, Object> mapping = new LinkedHashMap<>();
                    mapping.put("path", at.get(part));
                    at.put(part, mapping);
                }
                at = section(at, part);
            }
        }
        at.put(parts[parts.length - 1], value);
    }
}
