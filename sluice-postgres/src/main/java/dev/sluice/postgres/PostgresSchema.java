package dev.sluice.postgres;

import dev.sluice.core.SluiceException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The catalog's schema in PostgreSQL, migrated by Flyway from {@code db/sluice-postgresql}: created when
 * missing, brought up to date at open (Flyway's own lock makes two processes opening at once apply each
 * migration once), and refused when a newer Sluice has migrated it further than this one knows.
 */
final class PostgresSchema {
    /** Where the migrations are on the class path. */
    static final String LOCATION = "classpath:db/sluice-postgresql";

    private PostgresSchema() {}

    /** Creates or upgrades the schema of {@code settings}; returns the number of migrations applied now. */
    static int migrate(PostgresSettings settings) {
        Flyway flyway = Flyway.configure(PostgresSchema.class.getClassLoader())
                .dataSource(settings.url(), settings.user(), settings.password())
                .schemas(settings.schema())
                .createSchemas(true)
                .locations(LOCATION)
                .load();
        try {
            for (MigrationInfo applied : flyway.info().applied()) {
                if (applied.getState() == MigrationState.FUTURE_SUCCESS
                        || applied.getState() == MigrationState.FUTURE_FAILED) {
                    throw new SluiceException("catalog " + settings.describe() + " has schema version "
                            + applied.getVersion() + ", newer than this Sluice knows (" + latestKnown(flyway)
                            + "); upgrade Sluice");
                }
            }
            return flyway.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new SluiceException(
                    "cannot create or upgrade the catalog schema " + settings.schema() + " at " + settings.describe()
                            + ": " + e.getMessage() + "; the user needs CREATE on the database (or an existing"
                            + " schema named by catalog.schema that it owns)",
                    e);
        }
    }

    private static String latestKnown(Flyway flyway) {
        String latest = "none";
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() != MigrationState.FUTURE_SUCCESS
                    && m.getState() != MigrationState.FUTURE_FAILED
                    && m.getVersion() != null) {
                latest = m.getVersion().getVersion();
            }
        }
        return latest;
    }
}
