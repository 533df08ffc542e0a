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
 * {@code sluice review}: a sync over two sources that disagree names the new item in its summary; {@code
 * list}, {@code show} and {@code resolve} read and settle it; bad ids and resolutions exit 2 with the fix.
 */
class ReviewCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_list_show_and_resolve_the_conflict_a_sync_found_between_two_sources() throws Exception {
        Path policies = Files.createDirectories(work.resolve("policies"));
        Files.writeString(policies.resolve("travel.md"), """
                # Travel policy

                ## Hotels

                The nightly hotel allowance in Berlin is 180 euros. Book through the travel desk.
                """);
        Path wiki = Files.createDirectories(work.resolve("wiki"));
        Files.writeString(wiki.resolve("trips.md"), """
                # Planning a trip

                ## Hotels

                The nightly hotel allowance in Berlin is 150 euros. Receipts go to finance within a month.
                """);
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(yaml, """
                index: index
                sources:
                  - name: policies
                    path: policies
                  - name: wiki
                    path: wiki
                """, StandardCharsets.UTF_8);
        String config = yaml.toString();
        SluiceCliIT.Run sync = SluiceCliIT.run("sync", "--config", config, "--no-progress");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("conflicts", "review: 1 new conflict(s) between documents");

        SluiceCliIT.Run list = SluiceCliIT.run("review", "list", "--config", config);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("open", "180 euros", "150 euros", "last check: run 1");

        JsonNode listed =
                JSON.readTree(SluiceCliIT.run("review", "list", "--config", config, "--source", "wiki", "--json")
                        .out());
        assertThat(listed.get("items")).hasSize(1);
        long id = listed.get("items").get(0).get("id").asLong();
        assertThat(JSON.readTree(SluiceCliIT.run("review", "list", "--config", config, "--source", "other", "--json")
                                .out())
                        .get("items"))
                .isEmpty();

        SluiceCliIT.Run show = SluiceCliIT.run("review", "show", String.valueOf(id), "--config", config);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out())
                .contains(
                        "sources disagree on",
                        "file        trips.md (source wiki)",
                        "file        travel.md (source policies)",
                        "heading     Planning a trip > Hotels",
                        "sentence    The nightly hotel allowance in Berlin is 150 euros.",
                        "found by run 1");

        SluiceCliIT.Run bad =
                SluiceCliIT.run("review", "resolve", String.valueOf(id), "--as", "keep-both", "--config", config);
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err())
                .contains("--as must be one of keep-left, keep-right, both-valid, not-a-conflict, got 'keep-both'");
        SluiceCliIT.Run unknown = SluiceCliIT.run("review", "show", "999", "--config", config);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no review item 999").doesNotContain("Exception");
        SluiceCliIT.Run badStatus = SluiceCliIT.run("review", "list", "--status", "closed", "--config", config);
        assertThat(badStatus.exit()).isEqualTo(2);
        assertThat(badStatus.err()).contains("--status must be open, resolved or all, got 'closed'");

        SluiceCliIT.Run resolve = SluiceCliIT.run(
                "review",
                "resolve",
                String.valueOf(id),
                "--as",
                "keep-left",
                "--note",
                "policy wins",
                "--config",
                config,
                "--json");
        assertThat(resolve.exit()).as(resolve.err()).isZero();
        JsonNode resolved = JSON.readTree(resolve.out());
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.get("resolution").asText()).isEqualTo("keep-left");
        assertThat(resolved.get("note").asText()).isEqualTo("policy wins");
        assertThat(resolved.get("resolvedBy").asText()).startsWith("cli:");

        SluiceCliIT.Run again =
                SluiceCliIT.run("review", "resolve", String.valueOf(id), "--as", "both-valid", "--config", config);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("review item " + id + " is already resolved as keep-left");
        assertThat(SluiceCliIT.run("review", "list", "--config", config).out()).contains("no open review items");
        assertThat(SluiceCliIT.run("review", "list", "--status", "all", "--config", config)
                        .out())
                .contains("keep-left");

        SluiceCliIT.Run resync = SluiceCliIT.run("sync", "--config", config, "--no-progress");
        assertThat(resync.out()).doesNotContain("review:");
    }
}
