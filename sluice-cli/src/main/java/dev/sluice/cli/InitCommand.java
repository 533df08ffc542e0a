package dev.sluice.cli;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.StarterConfig;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description =
                "Write a commented starter sluice.yaml in the current folder (never overwrites one without --force).")
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SOURCE", description = "The first source's folder (default: docs).")
    String source = "docs";

    @Option(names = "--file", paramLabel = "FILE", description = "Where to write it (default: sluice.yaml).")
    Path file = SluiceConfig.DEFAULT_FILE;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Option(names = "--json", description = "Print the file written, the first source and whether it exists as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(file) && !force) {
            throw new SluiceException(
                    file + " already exists; edit it, or pass --force to replace it with the starter");
        }
        Path name = Path.of(source).normalize().getFileName();
        String text = StarterConfig.text(source, name == null || name.toString().isEmpty() ? "docs" : name.toString());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        ConfigLoader.load(file); // the starter must itself be valid
        PrintWriter out = spec.commandLine().getOut();
        boolean sourceExists = Files.exists(file.toAbsolutePath().getParent().resolve(source));
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("file", file.toString());
            view.put("source", source);
            view.put("sourceExists", sourceExists);
            view.put("next", "sluice ingest");
            out.println(Json.write(view));
            out.flush();
            return SluiceCli.EXIT_OK;
        }
        out.println("wrote " + file + "; edit its sources, then run: sluice ingest");
        if (!sourceExists) {
            out.println("note: " + source + " does not exist yet; point sources[0].path at your documents");
        }
        return SluiceCli.EXIT_OK;
    }
}
