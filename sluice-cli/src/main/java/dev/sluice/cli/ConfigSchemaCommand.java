package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Print the JSON Schema (draft 2020-12) of sluice.yaml, for editor completion and checks:",
            "  sluice config schema > sluice.schema.json",
            "then start sluice.yaml with: # yaml-language-server: $schema=./sluice.schema.json"
        })
final class ConfigSchemaCommand implements Callable<Integer> {
    /** Copied from docs/sluice.schema.json into the jar by the build. */
    static final String RESOURCE = "sluice.schema.json";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (InputStream in = ConfigSchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar holds no " + RESOURCE + "; rebuild Sluice with Maven");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            out.flush();
        }
        return 0;
    }
}
