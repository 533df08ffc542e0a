package dev.sluice.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Standard output of {@code sluice mcp}, passed through unchanged, noting the id of every response
 * written: when standard input ends, {@link StdinGuard} waits here until each request it forwarded has
 * its answer, so a client that writes its requests and closes its end ({@code printf ... | sluice mcp})
 * still gets every answer.
 */
final class AnsweredIds extends FilterOutputStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Set<String> answered = new HashSet<>();

    AnsweredIds(OutputStream out) {
        super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        out.write(b);
        note(b);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        for (int i = offset; i < offset + length; i++) {
            note(bytes[i]);
        }
    }

    private void note(int b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        String id = responseId(line.toString(StandardCharsets.UTF_8));
        line.reset();
        if (id != null) {
            answered.add(id);
            notifyAll();
        }
    }

    /**
     * Waits until every id in {@code ids} (as {@link #key} writes them) has been answered, or {@code
     * millis} have passed; false when some are still unanswered.
     */
    synchronized boolean awaitAnswered(Collection<String> ids, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!answered.containsAll(ids)) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** The id of a JSON-RPC request or response, as one text for both ("7" and "\"a\"" stay apart). */
    static String key(JsonNode id) {
        return id.toString();
    }

    private static String responseId(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null
                    && node.isObject()
                    && !node.has("method")
                    && node.has("id")
                    && (node.has("result") || node.has("error"))) {
                return key(node.get("id"));
            }
        } catch (IOException notJson) {
            // not a message of ours to track
        }
        return null;
    }
}
