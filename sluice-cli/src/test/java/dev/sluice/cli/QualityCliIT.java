package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice sync} against a source's contract and {@code sluice quality report|document}: a broken
 * contract exits 3 (a check failed, not a crash) naming the expectation, with {@code status: contract_failed}
 * in the JSON, and publishes nothing; the report shows the run as not published; a document's checks show
 * personal data masked.
 */
class QualityCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void should_exit_3_naming_the_expectation_when_a_contract_fails_and_report_it_per_run() throws Exception {
        Path docs = Files.createDirectories(work.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# Locks\n\nLocks lift boats between water levels on a canal.\n");
        Files.writeString(
                docs.resolve("b.md"),
                "# Contacts\n\nThe lock keeper answers at olga.berg@example.com every weekday morning.\n");
        Path config = Files.writeString(
                work.resolve("sluice.yaml"),
                "sources:\n  - name: docs\n    path: docs\n    contract:\n      minDocuments: 2\n"
                        + "      maxPiiHits: {value: 0, severity: warn}\n");
        String file = config.toString();
        SluiceCliIT.Run first = SluiceCliIT.run("sync", "--config", file, "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(JSON.readTree(first.out())
                        .get("quality")
                        .get(0)
                        .get("piiHits")
                        .asInt())
                .isEqualTo(1);

        Files.delete(docs.resolve("a.md"));
        SluiceCliIT.Run broken = SluiceCliIT.run("sync", "--config", file, "--json");
        assertThat(broken.exit()).as(broken.err()).isEqualTo(SluiceCli.EXIT_CHECK_FAILED);
        JsonNode failed = JSON.readTree(broken.out());
        assertThat(failed.get("status").asText()).isEqualTo("contract_failed");
        assertThat(failed.get("published").asBoolean()).isFalse();
        assertThat(broken.err()).contains("sources[0].contract.minDocuments").doesNotContain("Exception");

        SluiceCliIT.Run search = SluiceCliIT.run("search", "locks lift boats", "--config", file, "--json");
        assertThat(search.out()).as("the last good version is still searched").contains("a.md");

        SluiceCliIT.Run report = SluiceCliIT.run("quality", "report", "--config", file, "--json");
        assertThat(report.exit()).as(report.err()).isZero();
        JsonNode runs = JSON.readTree(report.out());
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("published").asBoolean()).isFalse();
        assertThat(runs.get(1).get("published").asBoolean()).isTrue();

        SluiceCliIT.Run text = SluiceCliIT.run("quality", "report", "--config", file);
        assertThat(text.out()).contains("Contract results that failed:", "FAILED sources[0].contract.minDocuments");

        SluiceCliIT.Run document = SluiceCliIT.run("quality", "document", "b.md", "--config", file, "--json");
        assertThat(document.exit()).as(document.err()).isZero();
        JsonNode checks = JSON.readTree(document.out()).get("checks");
        assertThat(checks.get("pii").get("email").asInt()).isEqualTo(1);
        assertThat(document.out()).doesNotContain("olga.berg@example.com");
    }
}
