package dev.sluice.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.ingest.AdHocSource;
import dev.sluice.ingest.AdHocSourceStore;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The remembered ad-hoc sources in the catalog's file (table {@code adhoc_sources}); globs as JSON lists. */
final class JdbcAdHocSources implements AdHocSourceStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcCatalog catalog;

    JdbcAdHocSources(JdbcCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void remember(List<AdHocSource> sources, long nowMillis) {
        catalog.write("remember ad-hoc sources", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO adhoc_sources (name, root, include, exclude, gitignore, recorded_millis)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET root = excluded.root,"
                            + " include = excluded.include, exclude = excluded.exclude,"
                            + " gitignore = excluded.gitignore, recorded_millis = excluded.recorded_millis")) {
                for (AdHocSource s : sources) {
                    ps.setString(1, s.name());
                    ps.setString(2, s.root().toString());
                    ps.setString(3, json(s.include()));
                    ps.setString(4, json(s.exclude()));
                    ps.setInt(5, s.gitignore() ? 1 : 0);
                    ps.setLong(6, nowMillis);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return sources.size();
        });
    }

    @Override
    public List<AdHocSource> all() {
        return catalog.read("read ad-hoc sources", c -> {
            List<AdHocSource> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM adhoc_sources ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AdHocSource(
                            rs.getString("name"),
                            Path.of(rs.getString("root")),
                            list(rs.getString("include")),
                            list(rs.getString("exclude")),
                            rs.getInt("gitignore") != 0));
                }
            }
            return out;
        });
    }

    private static String json(List<String> globs) throws SQLException {
        try {
            return JSON.writeValueAsString(globs);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write globs as JSON", e);
        }
    }

    private static List<String> list(String json) throws SQLException {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("adhoc_sources holds globs that are not a JSON list: " + json, e);
        }
    }
}
