package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.KnowledgeBase;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import dev.sluice.transform.Transforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice transforms plan|status|diff} on real files, with a scripted OpenAI-protocol server on
 * 127.0.0.1 behind the run that fills the store (ingestion calls the transforms; here the test does).
 */
class TransformsCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;
    private Path yaml;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedOpenAiServer();
        server.fallback(ScriptedOpenAiServer.ok("{\"label\": \"report\"}", 60, 6));
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# Leave policy\n\nEmployees take 25 days of paid leave a year.\n");
        Files.writeString(docs.resolve("b.md"), "# Quarterly report\n\nRevenue grew 12% in the third quarter.\n");
        yaml = dir.resolve("sluice.yaml");
        Files.writeString(yaml, """
                index: idx
                llm: {baseUrl: %s, model: gpt-4o-mini, retries: 0}
                sources:
                  - {name: docs, path: docs}
                transforms:
                  budget: {perRunUsd: 0.50}
                  steps:
                    - {name: doctype, kind: classify, labels: [policy, report], version: v1}
                """.formatted(server.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void runTransforms() {
        EffectiveConfig config = EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE);
        try (KnowledgeBase kb = KnowledgeBase.open(config);
                SqliteCatalog catalog = SqliteCatalog.open(
                        Files.createDirectories(dir.resolve("idx")).resolve(SqliteCatalog.FILE_NAME));
                Transforms t = Transforms.open(
                        config.config().transforms(), catalog.transforms(), catalog, n -> null, Clock.systemUTC())) {
            kb.transforms().inputs(t::enrich, () -> {});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void should_plan_before_anything_ran_then_show_the_status_of_the_stored_outputs() throws Exception {
        SluiceCliIT.Run empty = SluiceCliIT.run("transforms", "status", "--config", yaml.toString());
        assertThat(empty.exit()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("no transform outputs yet");

        SluiceCliIT.Run plan = SluiceCliIT.run("transforms", "plan", "--config", yaml.toString(), "--json");
        assertThat(plan.exit()).as(plan.err()).isZero();
        JsonNode p = JSON.readTree(plan.out());
        assertThat(p.path("documents").asInt()).isEqualTo(2);
        assertThat(p.path("total").path("items").asInt()).isEqualTo(2);
        assertThat(p.path("total").path("calls").asInt()).isEqualTo(2);
        assertThat(p.path("rows").get(0).path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(p.path("budget").path("perRunUsd").asText()).isEqualTo("0.5");
        assertThat(new java.math.BigDecimal(p.path("total").path("costUsd").asText()))
                .isPositive();
        assertThat(server.requests()).as("a plan calls no model").isEmpty();

        runTransforms();
        SluiceCliIT.Run table = SluiceCliIT.run("transforms", "plan", "--config", yaml.toString());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("doctype").containsPattern("total\\s+2\\s+2\\s+0 ");

        SluiceCliIT.Run status = SluiceCliIT.run("transforms", "status", "--config", yaml.toString(), "--json");
        assertThat(status.exit()).as(status.err()).isZero();
        JsonNode s = JSON.readTree(status.out());
        assertThat(s.path("transforms").get(0).path("transform").asText()).isEqualTo("doctype");
        assertThat(s.path("transforms").get(0).path("valid").asInt()).isEqualTo(2);
        assertThat(s.path("transforms").get(0).path("pending").asInt()).isZero();
        assertThat(new java.math.BigDecimal(s.path("spentTodayUsd").asText())).isPositive();

        SluiceCliIT.Run text = SluiceCliIT.run("transforms", "status", "--config", yaml.toString());
        assertThat(text.out()).containsPattern("doctype\\s+v1\\s+2\\s+0\\s+0");
    }

    @Test
    void should_diff_two_versions_and_refuse_unknown_ones_with_a_usage_error() throws Exception {
        runTransforms();
        Files.writeString(yaml, Files.readString(yaml).replace("version: v1", "version: v2"));
        server.fallback(ScriptedOpenAiServer.ok("{\"label\": \"policy\"}", 60, 6));
        runTransforms();

        SluiceCliIT.Run diff = SluiceCliIT.run(
                "transforms", "diff", "doctype", "--from", "v1", "--to", "v2", "--config", yaml.toString());
        assertThat(diff.exit()).as(diff.err()).isZero();
        assertThat(diff.out())
                .startsWith("doctype: v1 -> v2 on 2 inputs: 0 same, 2 changed; 0 only in v1, 0 only in v2")
                .contains("v1: {\"label\":\"report\"}")
                .contains("v2: {\"label\":\"policy\"}");
        SluiceCliIT.Run json = SluiceCliIT.run(
                "transforms",
                "diff",
                "doctype",
                "--from",
                "v1",
                "--to",
                "v2",
                "--sample",
                "1",
                "--json",
                "--config",
                yaml.toString());
        assertThat(JSON.readTree(json.out()).path("sampled").asInt()).isEqualTo(1);

        SluiceCliIT.Run unknown = SluiceCliIT.run(
                "transforms", "diff", "doctype", "--from", "v1", "--to", "v7", "--config", yaml.toString());
        assertThat(unknown.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(unknown.err())
                .contains("transform 'doctype' has no outputs under version 'v7'; its versions with"
                        + " outputs: v1, v2");
        SluiceCliIT.Run none = SluiceCliIT.run("transforms");
        assertThat(none.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(none.err()).contains("name a subcommand: plan, status or diff");
    }

    @Test
    void should_say_how_to_configure_transforms_when_there_are_none() throws Exception {
        Files.writeString(yaml, "index: idx\nsources:\n  - {name: docs, path: docs}\n");
        SluiceCliIT.Run plan = SluiceCliIT.run("transforms", "plan", "--config", yaml.toString());
        assertThat(plan.exit()).isEqualTo(SluiceCli.EXIT_USAGE);
        assertThat(plan.err())
                .contains("has no transforms; add a transforms: section with steps (see docs/transforms.md)");
        assertThat(plan.err()).doesNotContain("Exception");
    }
}
