package dev.sluice.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.backend.BackendOptions;
import dev.sluice.backend.IndexBackend;
import dev.sluice.backend.SearchIndex;
import dev.sluice.core.SluiceException;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.IndexSettings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code index.backend: opensearch}: one knowledge base's index in a shared OpenSearch cluster. Each
 * generation is an index {@code <prefix>-g<N>}; the alias {@code <prefix>} names the active one, and
 * {@link #activate} moves it in one {@code _aliases} call (remove and add together, atomic in the cluster
 * state), so every reader switches at once, as the embedded {@code CURRENT} file does.
 *
 * <p>Settings ({@code index:} in sluice.yaml): {@code url} (required), {@code prefix} (default
 * {@code sluice}), {@code usernameEnv}/{@code passwordEnv} (basic auth from the environment),
 * {@code replicas} (default 0), {@code writeBufferChunks} (see {@link OpenSearchIndex}).
 */
public final class OpenSearchBackend implements IndexBackend {
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,200}");

    private final String url;
    private final String username;
    private final String password;
    private final String prefix;
    private final int replicas;
    private final int writeBufferChunks;

    public OpenSearchBackend(
            String url, String username, String password, String prefix, int replicas, int writeBufferChunks) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new SluiceException("index.url must be an http:// or https:// URL of an OpenSearch node, got " + url);
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new SluiceException("index.prefix must be lower-case letters, digits, '-' or '_' (an OpenSearch"
                    + " index name), starting with a letter or digit, got '" + prefix + "'");
        }
        this.url = url;
        this.username = username;
        this.password = password;
        this.prefix = prefix;
        this.replicas = replicas;
        this.writeBufferChunks = writeBufferChunks;
    }

    /** The backend {@code options} configure; clear errors naming {@code index.<key>} for bad settings. */
    public static OpenSearchBackend of(BackendOptions options) {
        return new OpenSearchBackend(
                options.require("url"),
                options.secret("usernameEnv"),
                options.secret("passwordEnv"),
                options.get("prefix", "sluice"),
                number(options, "replicas", 0, 0),
                number(options, "writeBufferChunks", OpenSearchIndex.DEFAULT_WRITE_BUFFER_CHUNKS, 1));
    }

    private static int number(BackendOptions options, String key, int fallback, int least) {
        String value = options.get(key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SluiceException(
                options.section() + "." + key + " must be a whole number >= " + least + ", got '" + value + "'");
    }

    @Override
    public String name() {
        return "opensearch";
    }

    @Override
    public String describe() {
        return url + " (alias " + prefix + ")";
    }

    /** The alias searches read; each generation's index is named {@code <alias>-g<N>}. */
    public String alias() {
        return prefix;
    }

    OpenSearchHttp http() {
        return new OpenSearchHttp(url, username, password);
    }

    @Override
    public IndexSettings activeSettings() {
        try (OpenSearchHttp http = http()) {
            String active = activeIndex(http);
            return active == null ? null : settingsOf(http, active);
        }
    }

    @Override
    public ChunkIndex openForWriting(IndexSettings settings) {
        OpenSearchHttp http = http();
        try {
            String active = activeIndex(http);
            if (active == null) {
                active = create(http, settings, nextGeneration(http));
                ObjectNode actions = OpenSearchHttp.object();
                actions.putArray("actions")
                        .addObject()
                        .putObject("add")
                        .put("index", active)
                        .put("alias", prefix);
                http.ok("POST", "/_aliases", actions);
            } else {
                IndexSettings existing = settingsOf(http, active);
                if (!existing.equals(settings)) {
                    throw new SluiceException(refusal(existing, settings));
                }
            }
            return new OpenSearchIndex(this, http, active, settings, false, writeBufferChunks);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    @Override
    public ChunkIndex openNewGeneration(IndexSettings settings) {
        OpenSearchHttp http = http();
        try {
            String active = activeIndex(http);
            for (String unfinished : generations(http).values()) {
                if (!unfinished.equals(active)) {
                    http.ok("DELETE", "/" + unfinished, null);
                }
            }
            String created = create(http, settings, nextGeneration(http));
            return new OpenSearchIndex(this, http, created, settings, true, writeBufferChunks);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    @Override
    public SearchIndex openForReading() {
        OpenSearchHttp http = http();
        try {
            String active = activeIndex(http);
            if (active == null) {
                throw new SluiceException("no index at " + describe() + "; build one with: sluice ingest <folder>");
            }
            return new OpenSearchSearchIndex(this, http, active, settingsOf(http, active));
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    /**
     * Points the alias at {@code generation} in one {@code _aliases} call, then deletes the generation it
     * replaced (best effort: a later {@link #openNewGeneration} deletes what is left).
     */
    void activate(OpenSearchHttp http, String generation) {
        String previous = activeIndex(http);
        ObjectNode body = OpenSearchHttp.object();
        ArrayNode actions = body.putArray("actions");
        if (previous != null) {
            actions.addObject().putObject("remove").put("index", previous).put("alias", prefix);
        }
        actions.addObject().putObject("add").put("index", generation).put("alias", prefix);
        http.ok("POST", "/_aliases", body);
        if (previous != null && !previous.equals(generation)) {
            http.call("DELETE", "/" + previous, null);
        }
    }

    /** The index the alias names now, or null when there is none. */
    String activeIndex(OpenSearchHttp http) {
        OpenSearchHttp.Answer answer = http.call("GET", "/_alias/" + prefix, null);
        if (answer.status() == 404) {
            return null;
        }
        if (!answer.ok()) {
            throw http.refused("reading the alias " + prefix, answer);
        }
        Iterator<String> names = answer.body().fieldNames();
        if (!names.hasNext()) {
            return null;
        }
        String index = names.next();
        if (names.hasNext()) {
            throw new SluiceException("the alias " + prefix + " at " + url + " names several indexes; point it at one"
                    + " generation (" + prefix + "-g<N>) with POST /_aliases");
        }
        return index;
    }

    /** The settings recorded in {@code index}'s mapping. */
    IndexSettings settingsOf(OpenSearchHttp http, String index) {
        JsonNode mapping = http.ok("GET", "/" + index + "/_mapping", null);
        JsonNode meta = mapping.path(index).path("mappings").path("_meta");
        Map<String, String> data = new TreeMap<>();
        meta.properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        IndexSettings settings = IndexSettings.fromCommitData(data);
        if (settings == null) {
            throw new SluiceException("index " + index + " at " + url + " was not written by Sluice (no model in its"
                    + " mapping's _meta); choose another index.prefix");
        }
        return settings;
    }

    /** This knowledge base's generations, by number. */
    private TreeMap<Integer, String> generations(OpenSearchHttp http) {
        JsonNode rows =
                http.ok("GET", "/_cat/indices/" + prefix + "-g*?format=json&h=index&expand_wildcards=all", null);
        Pattern name = Pattern.compile(Pattern.quote(prefix) + "-g(\\d{1,9})");
        TreeMap<Integer, String> out = new TreeMap<>();
        for (JsonNode row : rows) {
            Matcher m = name.matcher(row.path("index").asText());
            if (m.matches()) {
                out.put(Integer.parseInt(m.group(1)), m.group());
            }
        }
        return out;
    }

    private int nextGeneration(OpenSearchHttp http) {
        TreeMap<Integer, String> existing = generations(http);
        return existing.isEmpty() ? 1 : existing.lastKey() + 1;
    }

    private String create(OpenSearchHttp http, IndexSettings settings, int generation) {
        String index = prefix + "-g" + generation;
        http.ok("PUT", "/" + index, OpenSearchMapping.createIndex(settings, replicas));
        return index;
    }

    /** Why an index built with {@code existing} cannot take writes made with {@code wanted}: model first. */
    private String refusal(IndexSettings existing, IndexSettings wanted) {
        if (!existing.sameModel(wanted)) {
            return "index " + describe() + " holds vectors from " + existing.modelId() + " (" + existing.modelVersion()
                    + "); it cannot take vectors from " + wanted.modelId() + ". Use --model " + existing.modelId()
                    + ", or another index.prefix for the other model.";
        }
        return "index " + describe() + " was analyzed in language "
                + existing.language().code()
                + "; it cannot take text analyzed in " + wanted.language().code()
                + ": the terms of two languages never match. Set index.language: "
                + existing.language().code() + " in sluice.yaml, or rebuild the index in "
                + wanted.language().code()
                + " with sluice ingest (it builds a new generation beside the one searches use and switches to it"
                + " when complete).";
    }

    /** Deletes every generation and the alias: for tests and for removing a knowledge base. */
    public void deleteAll() {
        try (OpenSearchHttp http = http()) {
            List<String> all = new ArrayList<>(generations(http).values());
            for (String index : all) {
                http.call("DELETE", "/" + index, null);
            }
        }
    }
}
