package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph is the architecture (docs/architecture.md): inside the core, stages depend only on
 * earlier stages; the faces (cli, server) sit on the core, the benchmarks on the faces, the framework
 * adapters on the core and the client (which knows no core), and nothing depends on a face, an adapter,
 * the benchmarks or the test kit. Checked over every reference to a
 * {@code dev.sluice} package in the main sources of every module: imports, static imports and fully
 * qualified names in code alike (comments and string literals are ignored).
 */
class PackageDependenciesTest {
    /** Flow order inside the core; a package may use only packages listed before it (and itself). */
    static final List<String> CORE_LAYERS = List.of(
            "core",
            "observe", // traces: every stage may record what it does
            "source",
            "extract",
            "quality",
            "conflict", // passages that disagree: read by answers and diagnosis
            "chunk",
            "enrich", // what a document is (issuer, type, period) and the context header of its chunks
            "embed",
            "index",
            "catalog",
            "retrieve",
            "eval",
            "llm",
            "answer",
            "access",
            "transform", // LLM steps on documents and chunks, called by ingestion after chunking
            "ingest",
            "review", // cross-source conflicts found at ingestion: reads the index with the conflict detector
            "incident", // detectors read the stores of the stages above
            "lineage", // OpenLineage events of ingest runs: observes ingest, names sources and the index
            "config",
            "diagnose", // which layer a bad answer comes from: reads every stage above through DiagnosisSignals
            "backend", // the seams a deployment chooses (index.backend, catalog.backend), found by ServiceLoader
            "jdbc", // the stores on JDBC, one SQL for SQLite and PostgreSQL: implement the stores of the stages above
            "sqlite", // the embedded catalog implements the stores of the stages above, so it sits above them
            "" // the front door: dev.sluice.Sluice, KnowledgeBase and their options
            );

    /** Each module, the top-level packages it holds, and the modules it may use. */
    private static final Map<String, Set<String>> MODULE_PACKAGES = Map.ofEntries(
            Map.entry("sluice-testkit", Set.of("testkit")),
            Map.entry("sluice-core", Set.copyOf(CORE_LAYERS)),
            Map.entry("sluice-server", Set.of("serve", "mcp")),
            Map.entry("sluice-cli", Set.of("cli")),
            Map.entry("sluice-bench", Set.of("bench")),
            Map.entry("sluice-client", Set.of("client")),
            Map.entry("sluice-embedded", Set.of("embedded")),
            Map.entry("sluice-langchain4j", Set.of("langchain4j")),
            Map.entry("sluice-spring-ai", Set.of("springai")),
            Map.entry("sluice-postgres", Set.of("postgres")),
            Map.entry("sluice-spark", Set.of("spark")),
            Map.entry("sluice-opensearch", Set.of("opensearch")));

    private static final Map<String, Set<String>> MODULE_MAY_USE = Map.ofEntries(
            Map.entry("sluice-testkit", Set.of()),
            Map.entry("sluice-core", Set.of()),
            Map.entry("sluice-server", Set.of("sluice-core")),
            Map.entry("sluice-cli", Set.of("sluice-core", "sluice-server")),
            Map.entry("sluice-bench", Set.of("sluice-core", "sluice-server", "sluice-cli", "sluice-testkit")),
            Map.entry("sluice-client", Set.of()), // HTTP and Jackson only: never the core
            Map.entry("sluice-embedded", Set.of("sluice-client", "sluice-core")), // the adapters' one way into the core
            Map.entry("sluice-langchain4j", Set.of("sluice-client", "sluice-embedded")),
            Map.entry("sluice-spring-ai", Set.of("sluice-client", "sluice-embedded")),
            // a catalog backend: the core's seams and dev.sluice.jdbc
            Map.entry("sluice-postgres", Set.of("sluice-core")),
            Map.entry("sluice-spark", Set.of("sluice-core")), // the job: the core's stages through the seams
            Map.entry("sluice-opensearch", Set.of("sluice-core"))); // an index backend: the core's seams

    /**
     * Core packages a face may not use: the embedded store implementation is opened by the front door
     * only, so a face never wires a store of its own (a later PostgreSQL catalog swaps in unseen).
     */
    private static final Map<String, Set<String>> FACES_MAY_NOT_USE = Map.of(
            "sluice-server", Set.of("sqlite", "jdbc"),
            "sluice-cli", Set.of("sqlite", "jdbc"),
            "sluice-embedded", Set.of("sqlite", "jdbc"),
            "sluice-langchain4j", Set.of("sqlite", "jdbc"),
            "sluice-spring-ai", Set.of("sqlite", "jdbc"));

    /** {@code dev.sluice.x...} as code names it; a capital after dev.sluice. is a class of the root package. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.sluice\\.([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'",
            Pattern.DOTALL);

    @Test
    void should_only_use_earlier_stages_inside_the_core_and_lower_modules_across_them() throws IOException {
        Path root = projectRoot();
        List<String> violations = new ArrayList<>();
        int files = 0;
        for (String module : MODULE_PACKAGES.keySet()) {
            Path sources = root.resolve(module).resolve(Path.of("src", "main", "java", "dev", "sluice"));
            assertThat(sources).as("main sources of %s", module).isDirectory();
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file :
                        walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files++;
                    String from = topPackage(sources.relativize(file));
                    assertThat(MODULE_PACKAGES.get(module))
                            .as("package dev.sluice.%s of %s belongs to no layer of %s", from, file, module)
                            .contains(from);
                    for (String to : references(Files.readString(file, StandardCharsets.UTF_8))) {
                        String problem = check(module, from, to);
                        if (problem != null) {
                            violations.add(root.relativize(file) + " uses dev.sluice." + to + ": " + problem);
                        }
                    }
                }
            }
        }
        assertThat(files).as("Java files checked").isGreaterThan(100);
        assertThat(violations).as("references against the architecture").isEmpty();
    }

    @Test
    void should_see_fully_qualified_names_and_ignore_comments_and_strings() {
        String source = """
                package dev.sluice.index;
                // dev.sluice.cli.SluiceCli in a comment
                /** {@link dev.sluice.serve.SluiceServer} in Javadoc */
                class X {
                    String s = "dev.sluice.bench.Stats";
                    dev.sluice.answer.Answer a = null;
                    Object o = dev.sluice.Sluice.class;
                }
                """;
        assertThat(references(source)).containsExactlyInAnyOrder("index", "answer", "");
        assertThat(check("sluice-core", "index", "answer")).contains("later stage");
        assertThat(check("sluice-core", "index", "")).contains("later stage");
        assertThat(check("sluice-core", "ingest", "cli")).contains("sluice-cli");
        assertThat(check("sluice-server", "serve", "index")).isNull();
        assertThat(check("sluice-cli", "cli", "sqlite")).contains("KnowledgeBase");
        assertThat(check("sluice-core", "sqlite", "llm")).isNull();
    }

    /** Null when {@code from} (in {@code module}) may use package {@code to}, else why not. */
    static String check(String module, String from, String to) {
        String target = moduleOf(to);
        if (target == null) {
            return "no module holds this package";
        }
        if (!target.equals(module)) {
            if (FACES_MAY_NOT_USE.getOrDefault(module, Set.of()).contains(to)) {
                return "a face reaches the stores through dev.sluice.KnowledgeBase, never dev.sluice." + to;
            }
            return MODULE_MAY_USE.get(module).contains(target) ? null : module + " may not depend on " + target;
        }
        if (module.equals("sluice-core") && CORE_LAYERS.indexOf(to) > CORE_LAYERS.indexOf(from)) {
            return "a later stage than dev.sluice." + from + " (order: " + CORE_LAYERS + ")";
        }
        return null;
    }

    private static String moduleOf(String pkg) {
        return MODULE_PACKAGES.entrySet().stream()
                .filter(e -> e.getValue().contains(pkg))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    /** The top-level packages under dev.sluice that a source file names in code ("" for the root package). */
    static Set<String> references(String source) {
        String code = COMMENTS_AND_STRINGS.matcher(source).replaceAll(" ");
        Set<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            String name = m.group(1);
            out.add(Character.isUpperCase(name.charAt(0)) ? "" : name);
        }
        return out;
    }

    private static String topPackage(Path relative) {
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    /** The repository root: the folder holding sluice-core (tests run in the module's folder). */
    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sluice-core")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no folder holding sluice-core above " + Path.of("").toAbsolutePath());
    }
}
