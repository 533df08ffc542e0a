package dev.sluice.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.SluiceException;
import dev.sluice.index.ChunkIndex;
import dev.sluice.index.DocumentInfo;
import dev.sluice.index.IndexFields;
import dev.sluice.index.IndexSettings;
import dev.sluice.index.IndexedChunk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write side of one OpenSearch generation.
 *
 * <p>Atomic replacement, the design: the index is created with {@code refresh_interval: -1}, so searches
 * see a write only after a {@code _refresh}, and only {@link #commit} and {@link #refresh} send one. Writes
 * are kept in memory (the last write of each document wins) until then; {@link #commit} sends them in bulks
 * that each carry whole documents (the new chunks indexed by their ids, the old chunk ids not reused
 * deleted), checks every item of every bulk, then refreshes. So a reader sees each document's old chunks or
 * its new ones, never a mix, and a reader never sees a failed run: {@link #discardUncommitted} drops the
 * buffer, exactly as Lucene's rollback does. Sync runs are serialized by the run lock, so no two writers
 * interleave.
 *
 * <p>The buffer is bounded ({@code index.writeBufferChunks}, default {@value #DEFAULT_WRITE_BUFFER_CHUNKS}):
 * past it, the buffered documents are sent early, still invisible to searches (no refresh). Then, and after
 * a {@link #refresh}, {@link #discardUncommitted} can only do what the engine allows: it deletes every chunk
 * this writer sent since the last commit, so those documents lose the chunks the run wrote or deleted (old
 * versions are not kept) until the next sync writes them again; never a mix of two versions, never a chunk
 * of the failed run. Bulk acknowledgements
 * are durable (OpenSearch's translog), so {@link #commit} needs no flush.
 */
final class OpenSearchIndex implements ChunkIndex {
    static final int DEFAULT_WRITE_BUFFER_CHUNKS = 20_000;
    /** Chunks per bulk request (whole documents, so a larger document makes a larger bulk). */
    private static final int BULK_CHUNKS = 500;

    private final OpenSearchBackend backend;
    private final OpenSearchHttp http;
    private final String index;
    private final IndexSettings settings;
    private final int writeBufferChunks;
    private volatile boolean pendingGeneration;

    /** Writes since the last send, by document URI; a null list is a deletion. */
    private final LinkedHashMap<String, Write> buffer = new LinkedHashMap<>();

    private int bufferedChunks;
    /** Every document this writer changed since the last commit: present (with its last page) or deleted. */
    private final Map<String, Integer> touched = new HashMap<>();
    /** Chunk ids sent since the last commit, by document, for discarding and for a second replacement. */
    private final Map<String, Set<String>> sent = new HashMap<>();

    private record Write(DocumentInfo document, List<IndexedChunk> chunks) {}

    OpenSearchIndex(
            OpenSearchBackend backend,
            OpenSearchHttp http,
            String index,
            IndexSettings settings,
            boolean pendingGeneration,
            int writeBufferChunks) {
        this.backend = backend;
        this.http = http;
        this.index = index;
        this.settings = settings;
        this.pendingGeneration = pendingGeneration;
        this.writeBufferChunks = writeBufferChunks;
    }

    /** The concrete index this writer writes ({@code <prefix>-g<N>}). */
    String indexName() {
        return index;
    }

    @Override
    public Path path() {
        return Path.of(index);
    }

    @Override
    public IndexSettings settings() {
        return settings;
    }

    @Override
    public void replaceDocument(DocumentInfo document, List<IndexedChunk> chunks) {
        for (IndexedChunk chunk : chunks) {
            if (chunk.vector().length != settings.dimensions()) {
                throw new IllegalArgumentException("chunk " + chunk.chunk().id() + " has a " + chunk.vector().length
                        + "-dimension vector; index " + index + " holds " + settings.dimensions()
                        + "-dimension vectors of " + settings.modelId());
            }
        }
        int lastPage = chunks.stream().mapToInt(c -> c.chunk().pageEnd()).max().orElse(0);
        buffer(document.uri(), new Write(document, List.copyOf(chunks)), chunks.isEmpty() ? null : lastPage);
    }

    @Override
    public void deleteDocument(String uri) {
        buffer(uri, new Write(null, null), null);
    }

    private synchronized void buffer(String uri, Write write, Integer lastPage) {
        Write before = buffer.remove(uri);
        if (before != null && before.chunks() != null) {
            bufferedChunks -= before.chunks().size();
        }
        buffer.put(uri, write);
        bufferedChunks += write.chunks() == null ? 0 : write.chunks().size();
        touched.put(uri, lastPage);
        if (bufferedChunks > writeBufferChunks) {
            send();
        }
    }

    /** Sends the buffer in bulks of whole documents, checking every item; nothing is refreshed. */
    private synchronized void send() {
        List<String> uris = new ArrayList<>(buffer.keySet());
        for (int from = 0; from < uris.size(); ) {
            List<String> batch = new ArrayList<>();
            int chunks = 0;
            while (from < uris.size() && (batch.isEmpty() || chunks < BULK_CHUNKS)) {
                String uri = uris.get(from++);
                batch.add(uri);
                Write w = buffer.get(uri);
                chunks += w.chunks() == null ? 1 : w.chunks().size();
            }
            Map<String, Set<String>> old = chunkIds(batch);
            StringBuilder bulk = new StringBuilder();
            int operations = 0;
            for (String uri : batch) {
                Write w = buffer.get(uri);
                Set<String> previous = new HashSet<>(old.getOrDefault(uri, Set.of()));
                previous.addAll(sent.getOrDefault(uri, Set.of()));
                Set<String> now = new HashSet<>();
                if (w.chunks() != null) {
                    for (IndexedChunk chunk : w.chunks()) {
                        String id = chunk.chunk().id();
                        now.add(id);
                        bulk.append(action("index", id)).append('\n');
                        bulk.append(OpenSearchMapping.chunk(
                                        w.document(), chunk, w.chunks().size(), settings))
                                .append('\n');
                        operations++;
                    }
                }
                for (String id : previous) {
                    if (!now.contains(id)) {
                        bulk.append(action("delete", id)).append('\n');
                        operations++;
                    }
                }
                sent.computeIfAbsent(uri, u -> new HashSet<>()).addAll(now);
            }
            if (operations > 0) {
                check(http.ok("POST", "/" + index + "/_bulk?refresh=false", bulk.toString()), operations);
            }
            batch.forEach(buffer::remove);
        }
        bufferedChunks = 0;
    }

    private String action(String op, String id) {
        ObjectNode action = OpenSearchHttp.object();
        action.putObject(op).put("_index", index).put("_id", id);
        return action.toString();
    }

    /** Fails when any item of a bulk failed (a delete of a chunk already gone is not a failure). */
    private void check(JsonNode answer, int operations) {
        if (!answer.path("errors").asBoolean(false)) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            JsonNode result = item.elements().next();
            if (result.has("error")) {
                failures.add(result.path("_id").asText() + ": " + OpenSearchHttp.reason(result));
            }
        }
        if (!failures.isEmpty()) {
            throw new SluiceException("OpenSearch at " + http.url() + " (index.url) refused " + failures.size() + " of "
                    + operations + " writes to index " + index + "; first: " + failures.getFirst());
        }
    }

    /** The chunk ids searches see now for each of {@code uris}. */
    private Map<String, Set<String>> chunkIds(List<String> uris) {
        ObjectNode body = OpenSearchHttp.object();
        body.put("size", OpenSearchMapping.MAX_RESULT_WINDOW);
        body.put("_source", false);
        body.putArray("docvalue_fields").add(IndexFields.DOC_URI);
        var terms = body.putObject("query").putObject("terms").putArray(IndexFields.DOC_URI);
        uris.forEach(terms::add);
        JsonNode hits =
                http.ok("POST", "/" + index + "/_search", body).path("hits").path("hits");
        Map<String, Set<String>> out = new HashMap<>();
        for (JsonNode hit : hits) {
            String uri = hit.path("fields").path(IndexFields.DOC_URI).path(0).asText();
            out.computeIfAbsent(uri, u -> new HashSet<>()).add(hit.path("_id").asText());
        }
        return out;
    }

    @Override
    public synchronized void commit() {
        send();
        refreshIndex();
        touched.clear();
        sent.clear();
    }

    /** Sends the buffer, unseen by searches until a commit or a refresh. */
    @Override
    public synchronized void flush() {
        send();
    }

    @Override
    public synchronized void adoptSent(String uri, java.util.Collection<String> chunkIds, int lastPage) {
        // The other writer's replacement is the later write: it supersedes what this one buffered (a run's
        // early deletion of an orphan, which would otherwise delete the new chunks at commit).
        Write before = buffer.remove(uri);
        if (before != null && before.chunks() != null) {
            bufferedChunks -= before.chunks().size();
        }
        sent.computeIfAbsent(uri, u -> new HashSet<>()).addAll(chunkIds);
        touched.put(uri, chunkIds.isEmpty() ? null : lastPage);
    }

    /** In a shared engine there is no view of one process: this publishes to every reader, as commit does. */
    @Override
    public synchronized void refresh() {
        send();
        refreshIndex();
    }

    private void refreshIndex() {
        http.ok("POST", "/" + index + "/_refresh", null);
    }

    @Override
    public synchronized void discardUncommitted() {
        buffer.clear();
        bufferedChunks = 0;
        if (!sent.isEmpty()) {
            StringBuilder bulk = new StringBuilder();
            int operations = 0;
            for (Set<String> ids : sent.values()) {
                for (String id : ids) {
                    bulk.append(action("delete", id)).append('\n');
                    operations++;
                }
            }
            if (operations > 0) {
                check(http.ok("POST", "/" + index + "/_bulk?refresh=false", bulk.toString()), operations);
            }
        }
        touched.clear();
        sent.clear();
    }

    @Override
    public synchronized Set<String> documentUris() {
        Set<String> uris =
                new HashSet<>(OpenSearchSearchIndex.lastPages(http, index).keySet());
        touched.forEach((uri, last) -> {
            if (last == null) {
                uris.remove(uri);
            } else {
                uris.add(uri);
            }
        });
        return uris;
    }

    @Override
    public synchronized Map<String, Integer> lastPages() {
        Map<String, Integer> pages = new HashMap<>(OpenSearchSearchIndex.lastPages(http, index));
        touched.forEach((uri, last) -> {
            if (last == null) {
                pages.remove(uri);
            } else {
                pages.put(uri, last);
            }
        });
        return pages;
    }

    @Override
    public int chunkCount() {
        return OpenSearchSearchIndex.count(http, index);
    }

    @Override
    public boolean buildingNewGeneration() {
        return pendingGeneration;
    }

    @Override
    public synchronized void activateGeneration() {
        if (!pendingGeneration) {
            throw new IllegalStateException("index " + index + " builds no new generation");
        }
        backend.activate(http, index);
        pendingGeneration = false;
    }

    /** Drops what was not committed (as Lucene's writer rolls back on close) and closes the connection. */
    @Override
    public synchronized void close() {
        buffer.clear();
        http.close();
    }
}
