package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice incidents}: a cron-style {@code check} exits 3 while a source is past its freshness
 * target and 0 once it synced; {@code list}, {@code show} and {@code ack} read and acknowledge it.
 */
class IncidentsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_exit_3_while_an_incident_is_open_and_show_and_acknowledge_it() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("tides.md"), "# Tides\n\nThe moon pulls the oceans, which makes the tides.\n");
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: docs\n    path: docs\n    freshness: 1s\n",
                StandardCharsets.UTF_8);
        String config = yaml.toString();
        assertThat(SluiceCliIT.run("sync", "--config", config, "--no-progress").exit())
                .isZero();
        Thread.sleep(1_200);

        SluiceCliIT.Run check = SluiceCliIT.run("incidents", "check", "--config", config);
        assertThat(check.exit()).as(check.err()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        assertThat(check.out()).contains("opened", "source docs last synced", "1 open:");

        SluiceCliIT.Run json = SluiceCliIT.run("incidents", "check", "--config", config, "--json");
        assertThat(json.exit()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        JsonNode checked = JSON.readTree(json.out());
        assertThat(checked.get("opened")).as("already open: not opened again").isEmpty();
        JsonNode open = checked.get("open").get(0);
        long id = open.get("id").asLong();
        assertThat(open.get("kind").asText()).isEqualTo("freshness");
        assertThat(open.get("evidence").get("freshnessSeconds").asInt()).isEqualTo(1);

        SluiceCliIT.Run list = SluiceCliIT.run("incidents", "list", "--config", config);
        assertThat(list.exit()).isZero();
        // warning up to twice the target late, critical beyond: a loaded machine may take that long to check
        assertThat(list.out()).contains("freshness", "open").containsPattern("open\\s+(warning|critical)\\s");

        SluiceCliIT.Run ack = SluiceCliIT.run("incidents", "ack", String.valueOf(id), "--config", config);
        assertThat(ack.exit()).as(ack.err()).isZero();
        assertThat(ack.out()).contains("incident " + id + " acknowledged");
        SluiceCliIT.Run shown = SluiceCliIT.run("incidents", "show", String.valueOf(id), "--config", config, "--json");
        JsonNode incident = JSON.readTree(shown.out());
        assertThat(incident.get("state").asText()).isEqualTo("acknowledged");
        assertThat(incident.get("acknowledgedBy").asText()).startsWith("cli:");

        SluiceCliIT.Run unknown = SluiceCliIT.run("incidents", "show", "999", "--config", config);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no incident 999");

        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: docs\n    path: docs\n    freshness: 1h\n",
                StandardCharsets.UTF_8);
        SluiceCliIT.Run cleared = SluiceCliIT.run("incidents", "check", "--config", config);
        assertThat(cleared.exit()).as(cleared.out()).isZero();
        assertThat(cleared.out()).contains("resolved " + id, "no open incidents");
        assertThat(SluiceCliIT.run("incidents", "list", "--config", config).out())
                .contains("no open incidents");
        assertThat(SluiceCliIT.run("incidents", "list", "--all", "--config", config)
                        .out())
                .contains("resolved");
    }
}
