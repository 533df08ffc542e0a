package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sqlite.SqliteCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice keys create | list | revoke} against a real catalog. */
class KeysCliIT {
    @TempDir
    Path work;

    @Test
    void should_show_a_key_once_list_it_without_its_secret_and_revoke_it() throws Exception {
        Path index = work.resolve("index");
        SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME)).close();

        SluiceCliIT.Run created = SluiceCliIT.run(
                "keys",
                "create",
                "--principal",
                "search-team",
                "--scopes",
                "query,ingest",
                "--groups",
                "eng,hr",
                "--index",
                index.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.out().strip();
        assertThat(key).matches("sk_sluice_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(created.err()).contains("shown once");

        SluiceCliIT.Run listed = SluiceCliIT.run("keys", "list", "--index", index.toString(), "--json");
        JsonNode keys = new ObjectMapper().readTree(listed.out());
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("principal").asText()).isEqualTo("search-team");
        assertThat(keys.get(0).get("scopes").toString()).isEqualTo("[\"query\",\"ingest\"]");
        assertThat(listed.out()).doesNotContain(key.substring(27));

        String id = keys.get(0).get("id").asText();
        assertThat(SluiceCliIT.run("keys", "revoke", id, "--index", index.toString())
                        .exit())
                .isZero();
        SluiceCliIT.Run again = SluiceCliIT.run("keys", "revoke", id, "--index", index.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no valid key with id " + id);

        SluiceCliIT.Run badScope =
                SluiceCliIT.run("keys", "create", "--principal", "x", "--scopes", "root", "--index", index.toString());
        assertThat(badScope.exit()).isEqualTo(2);
        assertThat(badScope.err()).contains("unknown scope 'root'; known: admin, ingest, query");
    }

    @Test
    void should_print_the_new_key_and_its_record_as_json_when_asked() throws Exception {
        Path index = work.resolve("index");
        SqliteCatalog.open(index.resolve(SqliteCatalog.FILE_NAME)).close();

        SluiceCliIT.Run created = SluiceCliIT.run(
                "keys", "create", "--principal", "etl", "--scopes", "ingest", "--index", index.toString(), "--json");

        assertThat(created.exit()).as(created.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(created.out());
        assertThat(json.get("key").asText()).matches("sk_sluice_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        assertThat(json.get("key").asText()).contains(json.get("id").asText());
        assertThat(json.get("principal").asText()).isEqualTo("etl");
        assertThat(json.get("scopes").toString()).isEqualTo("[\"ingest\"]");
        assertThat(json.get("groups").toString()).isEqualTo("[]");
        assertThat(json.get("createdMillis").asLong()).isPositive();
        assertThat(created.err()).contains("shown once");
    }
}
