package dev.sluice.jdbc;

/**
 * The few SQL constructs the catalog's stores use that SQLite and PostgreSQL spell differently; every
 * other statement is written once, in the portable subset both accept ({@code INSERT ... ON CONFLICT
 * (key) DO UPDATE SET c = excluded.c}, {@code ON CONFLICT DO NOTHING}, {@code CASE}, window functions).
 * Column and table names are the same in both schemas.
 */
public enum SqlDialect {
    /** SQLite 3.24 or later (upserts). */
    SQLITE {
        @Override
        public String utcDay(String millisColumn) {
            return "strftime('%Y-%m-%d', " + millisColumn + " / 1000, 'unixepoch')";
        }

        @Override
        public String jsonField(String column, String field) {
            return "json_extract(" + column + ", '$." + field + "')";
        }
    },
    /** PostgreSQL 13 or later; JSON columns are TEXT, cast where a field is read. */
    POSTGRESQL {
        @Override
        public String utcDay(String millisColumn) {
            return "to_char(to_timestamp(" + millisColumn + " / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        }

        @Override
        public String jsonField(String column, String field) {
            return "(" + column + "::jsonb ->> '" + field + "')";
        }
    };

    /** The UTC day ({@code 2026-03-01}) of a column of epoch milliseconds. */
    public abstract String utcDay(String millisColumn);

    /**
     * The top-level field {@code field} of the JSON object held as text in {@code column}, as SQL text;
     * null when the field is absent or JSON null. {@code field} is a Java identifier written by Sluice,
     * never user input.
     */
    public abstract String jsonField(String column, String field);

    /**
     * An insert that replaces the row of the same key, in the portable upsert both databases accept:
     * {@code INSERT INTO table (columns) VALUES (?, ...) ON CONFLICT (keys) DO UPDATE SET c = excluded.c}
     * for every column not in the key. For a table whose only unique constraint is {@code keys} this is
     * SQLite's {@code INSERT OR REPLACE}, without its delete (no trigger or rowid sees a difference).
     *
     * @param columns the columns inserted, comma-separated, the key's among them
     * @param rows {@code null} for one row of parameters, or a {@code SELECT ... WHERE ...} giving the rows
     *     (a WHERE clause is required: SQLite reads {@code SELECT ... ON CONFLICT} as a join otherwise)
     */
    public static String insertOrReplace(String table, String keys, String columns, String rows) {
        java.util.List<String> all =
                java.util.Arrays.stream(columns.split(",")).map(String::strip).toList();
        java.util.Set<String> key = java.util.Arrays.stream(keys.split(","))
                .map(String::strip)
                .collect(java.util.stream.Collectors.toSet());
        if (!all.containsAll(key)) {
            throw new IllegalArgumentException("keys " + keys + " must be among the columns " + columns);
        }
        String updates = all.stream()
                .filter(c -> !key.contains(c))
                .map(c -> c + " = excluded." + c)
                .collect(java.util.stream.Collectors.joining(", "));
        String values = rows != null
                ? rows
                : "VALUES (" + String.join(", ", java.util.Collections.nCopies(all.size(), "?")) + ")";
        return "INSERT INTO " + table + " (" + String.join(", ", all) + ") " + values + " ON CONFLICT ("
                + String.join(", ", key.stream().sorted().toList()) + ") "
                + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + updates);
    }
}
