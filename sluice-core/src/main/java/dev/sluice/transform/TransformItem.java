package dev.sluice.transform;

import dev.sluice.chunk.Chunk;
import dev.sluice.core.Hashing;
import dev.sluice.llm.ChatMessage;
import dev.sluice.llm.TokenEstimate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call's worth of work: a step on a document or on one of its chunks, its prompt rendered, and the
 * hash of its input that keys the cache. Built the same way for a run and for a plan, so that a plan
 * counts exactly the items, cache hits and input tokens the run then sees.
 *
 * @param step the step
 * @param item the document URI (document steps) or the chunk id (chunk steps)
 * @param chunkId the chunk's id, or null for a document step
 * @param source the document's source
 * @param messages what the model is sent
 * @param inputHash SHA-256 of the item's text as given (cut), its title, heading and source, and the
 *     output schema; the prompt's body is not in it (its version is a key of its own)
 * @param estimate the input estimate and the output ceiling, as the gateway's budget reserves them
 */
record TransformItem(
        TransformStep step,
        String item,
        String chunkId,
        String source,
        List<ChatMessage> messages,
        String inputHash,
        TokenEstimate estimate) {
    /**
     * Characters of text given per input token: the gateway's {@link TokenEstimate} counts one token per
     * three characters, so a text cut at this many characters per token stays within maxInputTokens by
     * that estimate (and real BPE tokenizers count fewer).
     */
    static final int CHARS_PER_TOKEN = 3;

    /** The items of every step that applies to {@code input}, document steps first within each step order. */
    static List<TransformItem> of(List<TransformStep> steps, TransformInput input) {
        List<TransformItem> items = new ArrayList<>();
        for (TransformStep step : steps) {
            if (!step.appliesTo(input.source())) {
                continue;
            }
            String document = cut(input.documentText(), step);
            if (step.kind().perDocument()) {
                items.add(item(step, input, input.documentUri(), null, document, document, ""));
            } else {
                for (Chunk chunk : input.chunks()) {
                    items.add(item(
                            step,
                            input,
                            chunk.id(),
                            chunk.id(),
                            cut(chunk.text(), step),
                            step.kind() == TransformKind.CONTEXTUALIZE ? document : "",
                            String.join(" > ", chunk.headingPath())));
                }
            }
        }
        return items;
    }

    private static TransformItem item(
            TransformStep step,
            TransformInput input,
            String item,
            String chunkId,
            String text,
            String document,
            String heading) {
        Map<String, String> values = new TreeMap<>();
        values.put("text", text);
        values.put("document", document.isEmpty() ? text : document);
        values.put("title", input.title());
        values.put("source", input.source());
        values.put("uri", input.documentUri());
        values.put("heading", heading);
        values.put("labels", String.join(", ", step.labels()));
        values.put("fields", fields(step));
        values.put("count", Integer.toString(step.count()));
        List<ChatMessage> messages = List.of(ChatMessage.user(step.prompt().render(values)));
        MessageDigest sha = Hashing.sha256();
        // Length-prefixed parts: no two different inputs run together into one hash. The URI is left out, so a
        // document that moves keeps its outputs; the source is in, as prompts may use it.
        for (String part : List.of(
                step.kind().label(),
                step.schema().toString(),
                text,
                document,
                input.title(),
                input.source(),
                heading)) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return new TransformItem(
                step,
                item,
                chunkId,
                input.source(),
                messages,
                Hashing.hex(sha),
                TokenEstimate.of(messages, step.maxOutputTokens()));
    }

    private static String fields(TransformStep step) {
        List<String> out = new ArrayList<>();
        for (TransformKind.Field f : step.fields()) {
            out.add(f.name() + " (" + (f.type().equals("array") ? "list of texts" : f.type())
                    + (f.allowed().isEmpty() ? "" : ": one of " + String.join(", ", f.allowed())) + ")");
        }
        return String.join(", ", out);
    }

    private static String cut(String text, TransformStep step) {
        long max = (long) step.maxInputTokens() * CHARS_PER_TOKEN;
        if (text.length() <= max) {
            return text;
        }
        int end = (int) max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end);
    }
}
