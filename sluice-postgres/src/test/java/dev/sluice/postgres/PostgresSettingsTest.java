package dev.sluice.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.backend.BackendOptions;
import dev.sluice.core.SluiceException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog's settings, validated before any connection: no PostgreSQL needed. */
class PostgresSettingsTest {
    private static final String URL = "jdbc:postgresql://db.example.com:5432/kb";

    private static BackendOptions options(Map<String, String> settings, Map<String, String> environment) {
        return new BackendOptions("catalog", "postgresql", Path.of("index"), settings, environment);
    }

    @Test
    void should_read_the_url_the_secrets_from_the_environment_and_default_the_schema() {
        PostgresSettings settings = PostgresSettings.from(options(
                Map.of("url", URL, "userEnv", "PG_USER", "passwordEnv", "PG_PASSWORD"),
                Map.of("PG_USER", "sluice", "PG_PASSWORD", "s3cret")));

        assertThat(settings).isEqualTo(new PostgresSettings(URL, "sluice", "s3cret", "sluice"));
        assertThat(settings.toString()).doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void should_name_catalog_url_when_it_is_missing() {
        assertThatThrownBy(() -> PostgresSettings.from(options(Map.of("schema", "kb"), Map.of())))
                .isInstanceOf(SluiceException.class)
                .hasMessage("catalog.url is required with catalog.backend: postgresql");
    }

    @Test
    void should_name_the_variable_when_the_password_variable_is_not_set() {
        assertThatThrownBy(() ->
                        PostgresSettings.from(options(Map.of("url", URL, "passwordEnv", "PG_PASSWORD"), Map.of())))
                .isInstanceOf(SluiceException.class)
                .hasMessage("catalog.passwordEnv names the environment variable PG_PASSWORD, which is not set");
    }

    @Test
    void should_refuse_a_url_of_another_database() {
        assertThatThrownBy(() -> new PostgresSettings("jdbc:mysql://db/kb", null, null, "sluice"))
                .isInstanceOf(SluiceException.class)
                .hasMessageStartingWith("catalog.url must be a PostgreSQL JDBC URL")
                .hasMessageEndingWith("got jdbc:mysql://db/kb");
    }

    @Test
    void should_refuse_a_schema_that_is_not_a_plain_lower_case_name() {
        for (String bad : new String[] {"Team-KB", "kb; DROP TABLE runs", "1kb", "pg_catalog", "x".repeat(64)}) {
            assertThatThrownBy(() -> new PostgresSettings(URL, null, null, bad))
                    .as(bad)
                    .isInstanceOf(SluiceException.class)
                    .hasMessageStartingWith("catalog.schema must be a lower-case SQL name");
        }
        assertThatThrownBy(() -> new PostgresSettings(URL, null, null, "Team-KB"))
                .hasMessageEndingWith("got 'Team-KB'; for example team_kb");
    }

    @Test
    void should_describe_the_url_without_its_parameters_where_a_password_may_be() {
        PostgresSettings settings =
                new PostgresSettings(URL + "?user=sluice&password=s3cret&sslmode=require", null, null, "team_kb");

        assertThat(settings.describe()).isEqualTo(URL + " (schema team_kb)");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void should_derive_one_lock_key_per_schema_the_same_in_every_process() {
        assertThat(PostgresCatalog.lockKey("team_kb")).isEqualTo(PostgresCatalog.lockKey("team_kb"));
        assertThat(PostgresCatalog.lockKey("team_kb")).isNotEqualTo(PostgresCatalog.lockKey("sluice"));
    }

    @Test
    void should_be_found_by_the_service_loader_as_the_postgresql_catalog() {
        assertThat(java.util.ServiceLoader.load(dev.sluice.backend.BackendProvider.class).stream()
                        .map(p -> p.get().name()))
                .contains("postgresql");
    }
}
