package dev.sluice.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.ConflictDetector;
import dev.sluice.llm.ChatMessage;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.LlmGateway;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The deterministic candidates of another detector, each confirmed or rejected by a language model
 * through the versioned {@code conflict-judge} prompt ({@code llm.judgeConflicts: true}). Every call
 * goes through the {@link LlmGateway}, so it is cached (the same pair is judged once), budgeted and
 * written to the ledger with purpose {@code conflict-judge}; the reply must match {@code {"conflict":
 * boolean, "reason": string}}.
 *
 * <p>A candidate whose judge call fails (budget reached, breaker open, an invalid reply after the
 * gateway's repair) is kept: the deterministic checks are built for precision, and a warning that may
 * be wrong is better than a disagreement silently hidden. Thread-safe when the gateway is.
 */
public final class JudgedConflicts implements ConflictDetector {
    /** The purpose of the judge's calls in the ledger and the traces. */
    public static final String PURPOSE = "conflict-judge";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = schema();
    private static final int MAX_TOKENS = 200;

    private final ConflictDetector candidates;
    private final LlmGateway gateway;
    private final Prompt prompt;
    private final String keyId;

    /**
     * @param candidates the detector whose findings are judged
     * @param prompt the {@code conflict-judge} prompt (placeholders question, kind, valueA, valueB, uriA,
     *     passageA, uriB, passageB)
     * @param keyId the API key the calls are charged to, or null
     */
    public JudgedConflicts(ConflictDetector candidates, LlmGateway gateway, Prompt prompt, String keyId) {
        this.candidates = java.util.Objects.requireNonNull(candidates, "candidates");
        this.gateway = java.util.Objects.requireNonNull(gateway, "gateway");
        this.prompt = java.util.Objects.requireNonNull(prompt, "prompt");
        this.keyId = keyId;
    }

    @Override
    public List<Conflict> find(String question, List<dev.sluice.conflict.Passage> passages) {
        List<Conflict> found = candidates.find(question, passages);
        List<Conflict> kept = new ArrayList<>();
        int rejected = 0;
        int failed = 0;
        for (Conflict c : found) {
            Boolean verdict = judge(question, c);
            if (verdict == null) {
                failed++;
                kept.add(c);
            } else if (verdict) {
                kept.add(c);
            } else {
                rejected++;
            }
        }
        Span span = Span.current();
        span.setAttribute("sluice.conflicts.candidates", found.size());
        span.setAttribute("sluice.conflicts.judge_rejected", rejected);
        span.setAttribute("sluice.conflicts.judge_failed", failed);
        span.setAttribute("sluice.conflicts.judge_prompt", prompt.version());
        return kept;
    }

    /** True: a conflict; false: not one; null: the judge could not say (the call or its reply failed). */
    private Boolean judge(String question, Conflict c) {
        String rendered = prompt.render(Map.of(
                "question", question == null ? "" : question,
                "kind", c.kind(),
                "valueA", c.valueA(),
                "valueB", c.valueB(),
                "uriA", String.valueOf(c.a().documentUri()),
                "passageA", c.a().text().strip(),
                "uriB", String.valueOf(c.b().documentUri()),
                "passageB", c.b().text().strip()));
        ChatRequest request = new ChatRequest(
                null, List.of(ChatMessage.user(rendered)), 0.0, MAX_TOKENS, SCHEMA, PURPOSE, prompt.version(), keyId);
        try {
            JsonNode reply = JSON.readTree(gateway.chat(request).text());
            return reply.path("conflict").asBoolean();
        } catch (LlmException | IOException e) {
            Span.current().setAttribute("sluice.conflicts.judge_error", String.valueOf(e.getMessage()));
            return null;
        }
    }

    private static JsonNode schema() {
        try {
            return JSON.readTree("""
                    {"type": "object", "required": ["conflict", "reason"], "properties":
                      {"conflict": {"type": "boolean"}, "reason": {"type": "string"}}}""");
        } catch (IOException e) {
            throw new IllegalStateException("the conflict judge's schema is not valid JSON", e);
        }
    }
}
