package dev.sluice.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The prompts Sluice uses: built-in ones (in the jar, under {@code prompts/}) overridden by files
 * of the same name in a project folder ({@code prompts/*.md} beside {@code sluice.yaml}). Files are
 * UTF-8 Markdown with YAML front matter between {@code ---} lines; errors name the file.
 */
public final class PromptLibrary {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("name", "description");

    private final Map<String, Prompt> prompts;

    private PromptLibrary(Map<String, Prompt> prompts) {
        this.prompts = prompts;
    }

    /** The built-in prompts, overridden by {@code folder/*.md} when the folder exists (null: built-ins only). */
    public static PromptLibrary load(Path folder) {
        Map<String, Prompt> prompts = new TreeMap<>();
        for (String name : builtInNames()) {
            String resource = "prompts/" + name + ".md";
            try (InputStream in = PromptLibrary.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in prompt " + resource + " is missing from the jar");
                }
                Prompt p = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, "built-in");
                prompts.put(p.name(), p);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read built-in prompt " + resource, e);
            }
        }
        if (folder != null && Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    Prompt p = read(file);
                    prompts.put(p.name(), p);
                }
            } catch (IOException e) {
                throw new SluiceException("cannot list prompts in " + folder + ": " + e.getMessage(), e);
            }
        }
        return new PromptLibrary(prompts);
    }

    /** Reads one prompt file. */
    public static Prompt read(Path file) {
        String fileName = file.getFileName().toString();
        String defaultName = fileName.endsWith(".md") ? fileName.substring(0, fileName.length() - 3) : fileName;
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), defaultName, file.toString());
        } catch (IOException e) {
            throw new SluiceException("cannot read prompt " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every prompt, by name. */
    public Map<String, Prompt> all() {
        return java.util.Collections.unmodifiableMap(prompts); // sorted by name
    }

    /** The prompt with this name; the message lists the known ones. */
    public Prompt get(String name) {
        Prompt p = prompts.get(name);
        if (p == null) {
            throw new SluiceException("no prompt named '" + name + "'; known: " + String.join(", ", prompts.keySet()));
        }
        return p;
    }

    static Prompt parse(String text, String defaultName, String origin) {
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith("---\n")) {
            throw new SluiceException(origin + ": a prompt starts with front matter: a line '---', name and"
                    + " description, and another '---'");
        }
        int end = normalized.indexOf("\n---\n", 3);
        if (end < 0) {
            throw new SluiceException(origin + ": the front matter is not closed by a line '---'");
        }
        String front = normalized.substring(4, end);
        String body = normalized.substring(end + 5).strip() + "\n";
        JsonNode meta;
        try {
            meta = YAML.readTree(front);
        } catch (IOException e) {
            throw new SluiceException(origin + ": the front matter is not valid YAML: " + e.getMessage(), e);
        }
        if (meta == null || !meta.isObject()) {
            throw new SluiceException(origin + ": the front matter must be a mapping with name and description");
        }
        Iterator<String> keys = meta.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new SluiceException(
                        origin + ": unknown front matter key '" + key + "'; known: description, name");
            }
        }
        String name = meta.path("name").asText(defaultName).strip();
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new SluiceException(
                    origin + ": name must be lower-case letters, digits and dashes, got '" + name + "'");
        }
        String description = meta.path("description").asText("").strip();
        return new Prompt(name, description, body, name + "@" + sha256(body).substring(0, 12), origin);
    }

    private static List<String> builtInNames() {
        try (InputStream in = PromptLibrary.class.getClassLoader().getResourceAsStream("prompts/index.txt")) {
            if (in == null) {
                throw new IllegalStateException("prompts/index.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read prompts/index.txt", e);
        }
    }

    private static String sha256(String text) {
        return dev.sluice.core.Hashing.sha256Hex(text);
    }
}
