package dev.sluice.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI image tarball, read as a registry or {@code docker load} would (index, manifest, config, layers),
 * and its entrypoint run from the unpacked layers through the image's own loader and C library (-Pimage).
 */
class ImageTarballIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "/opt/sluice";

    @TempDir
    Path temp;

    @Test
    void should_describe_a_non_root_service_with_a_data_volume_when_the_image_config_is_read() throws Exception {
        Path layout = unpackLayout();
        JsonNode manifest = manifest(layout);
        JsonNode config =
                blob(layout, manifest.path("config").path("digest").asText()).path("config");

        assertThat(strings(config.path("Entrypoint")))
                .startsWith(APP + "/runtime/bin/java", "@" + APP + "/jvm.args")
                .endsWith("dev.sluice.cli.SluiceCli");
        assertThat(strings(config.path("Cmd"))).containsExactly("serve", "--host", "0.0.0.0");
        String user = config.path("User").asText();
        assertThat(user).as("a numeric uid:gid that is not root").matches("[0-9]+:[0-9]+");
        assertThat(user).doesNotStartWith("0:");
        assertThat(config.path("ExposedPorts").has("7878/tcp"))
                .as("ExposedPorts %s", config.path("ExposedPorts"))
                .isTrue();
        assertThat(config.path("Volumes").has("/data"))
                .as("Volumes %s", config.path("Volumes"))
                .isTrue();
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/data");
        assertThat(manifest.path("layers").size())
                .as("separate layers: dependencies, project jars, runtime, C libraries, ...")
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void should_run_the_entrypoint_with_the_images_runtime_jars_and_c_libraries_when_the_layers_are_unpacked()
            throws Exception {
        Path layout = unpackLayout();
        JsonNode manifest = manifest(layout);
        Path root = Files.createDirectories(temp.resolve("root"));
        for (JsonNode layer : manifest.path("layers")) {
            Artifacts.untar(blobFile(layout, layer.path("digest").asText()), root);
        }
        Path java = root.resolve("opt/sluice/runtime/bin/java");
        Path loader = root.resolve("lib64/ld-linux-x86-64.so.2");
        Path libraries = root.resolve("lib/x86_64-linux-gnu");
        assertThat(java).isExecutable();
        assertThat(loader).isExecutable();
        assertThat(libraries.resolve("libc.so.6")).isRegularFile();
        assertThat(libraries.resolve("libstdc++.so.6"))
                .as("ONNX Runtime needs it")
                .isRegularFile();
        assertThat(root.resolve("opt/sluice/runtime/bin/javac")).doesNotExist();
        assertThat(root.resolve("opt/sluice/libs/sluice.jar")).isRegularFile();
        assertThat(root.resolve("etc/passwd")).content().contains(":10001:10001:");
        assertThat(root.resolve("tmp")).isDirectory();

        JsonNode config =
                blob(layout, manifest.path("config").path("digest").asText()).path("config");
        List<String> entrypoint = withImageRoot(strings(config.path("Entrypoint")), root);
        List<String> base = new ArrayList<>(List.of(loader.toString(), "--library-path", libraries.toString()));
        base.addAll(entrypoint);

        Path home = Files.createDirectories(temp.resolve("home"));
        Path work = Files.createDirectories(temp.resolve("work"));
        Map<String, String> environment = new HashMap<>(Artifacts.minimalEnvironment());
        environment.put("HOME", home.toString());
        Duration timeout = Duration.ofMinutes(8);

        Artifacts.Run version = Artifacts.run(with(base, "--version"), work, environment, timeout)
                .assertSucceeded();
        assertThat(version.output())
                .contains("sluice " + System.getProperty("sluice.version"))
                .contains("Java " + Runtime.version().feature());

        Path docs = Artifacts.fixtureDocuments(temp);
        Artifacts.Run ingest = Artifacts.run(with(base, "ingest", docs.toString()), work, environment, timeout)
                .assertSucceeded();
        assertThat(ingest.output()).contains("embed");
        assertThat(work.resolve(".sluice/index")).isDirectory();
    }

    private Path unpackLayout() throws IOException, InterruptedException {
        Path tarball = Artifacts.required("sluice.image.tarball", "./mvnw -Pimage verify");
        Path layout = temp.resolve("layout");
        Artifacts.untar(tarball, layout);
        assertThat(layout.resolve("oci-layout")).as("an OCI image layout").isRegularFile();
        return layout;
    }

    private static JsonNode manifest(Path layout) throws IOException {
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        assertThat(index.path("manifests").size()).as("one image in index.json").isEqualTo(1);
        return blob(layout, index.path("manifests").get(0).path("digest").asText());
    }

    private static JsonNode blob(Path layout, String digest) throws IOException {
        return JSON.readTree(blobFile(layout, digest).toFile());
    }

    private static Path blobFile(Path layout, String digest) {
        assertThat(digest).startsWith("sha256:");
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /**
     * The entrypoint with the image's absolute paths moved under the unpacked root; an argument file
     * that names such paths (the class path) is rewritten into the test's folder first.
     */
    private List<String> withImageRoot(List<String> entrypoint, Path root) throws IOException {
        List<String> moved = new ArrayList<>();
        for (String argument : entrypoint) {
            if (argument.startsWith("@/")) {
                Path file = root.resolve(argument.substring(2));
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Path copy = temp.resolve(file.getFileName() + ".rooted");
                Files.writeString(copy, text.replace(APP + "/", root + APP + "/"), StandardCharsets.UTF_8);
                moved.add("@" + copy);
            } else if (argument.startsWith(APP + "/")) {
                moved.add(root + argument);
            } else {
                moved.add(argument);
            }
        }
        return moved;
    }

    private static List<String> with(List<String> base, String... arguments) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(arguments));
        return command;
    }
}
