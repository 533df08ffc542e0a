package dev.sluice.postgres;

import dev.sluice.backend.BackendOptions;
import dev.sluice.core.SluiceException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL catalog lives: the JDBC URL ({@code catalog.url}), the user and password read from
 * the environment variables that {@code catalog.userEnv} and {@code catalog.passwordEnv} name (either may
 * be absent: the URL or the driver's defaults apply), and the schema that holds this knowledge base's
 * tables ({@code catalog.schema}, default {@code sluice}). Validated once, when the catalog opens.
 *
 * @param url a {@code jdbc:postgresql:} URL
 * @param user the user, or null for the URL's or the driver's default
 * @param password the password, or null
 * @param schema a lower-case SQL name: letters, digits and {@code _}, at most 63 characters
 */
public record PostgresSettings(String url, String user, String password, String schema) {
    /** The schema used when {@code catalog.schema} is not set. */
    public static final String DEFAULT_SCHEMA = "sluice";

    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresSettings {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new SluiceException("catalog.url must be a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://db.example.com:5432/sluice, got " + url);
        }
        if (schema == null || !SCHEMA.matcher(schema).matches() || schema.startsWith("pg_")) {
            throw new SluiceException("catalog.schema must be a lower-case SQL name (letters, digits and _, at most 63"
                    + " characters, not starting with pg_), got '" + schema + "'; for example "
                    + (schema == null
                            ? DEFAULT_SCHEMA
                            : schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_")));
        }
    }

    /** The settings of {@code catalog:} in the configuration, secrets read from the environment. */
    public static PostgresSettings from(BackendOptions options) {
        return new PostgresSettings(
                options.require("url"),
                options.secret("userEnv"),
                options.secret("passwordEnv"),
                options.get("schema", DEFAULT_SCHEMA));
    }

    /** The URL without anything after {@code ?} (where a password may be written), and the schema. */
    public String describe() {
        int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)) + " (schema " + schema + ")";
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + describe() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + "]";
    }
}
