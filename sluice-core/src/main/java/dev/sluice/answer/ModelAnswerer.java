package dev.sluice.answer;

import dev.sluice.llm.ChatMessage;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.ChatResult;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Asks a language model, through the {@link LlmGateway} (retries, limits, budget, ledger), to answer
 * from numbered passages with the versioned {@code answer} prompt. The caller checks the citations.
 */
public final class ModelAnswerer {
    /** What the answer prompt tells the model to say when the passages hold no answer. */
    public static final String NOT_IN_CONTEXT = "NOT_IN_CONTEXT";

    private final LlmGateway gateway;
    private final Prompt prompt;
    private final String strongModel;
    private final int maxTokens;
    private final String keyId;

    /**
     * @param strongModel the model tried when the first answer fails its citation check, or null
     * @param maxTokens most tokens an answer may take
     */
    public ModelAnswerer(LlmGateway gateway, Prompt prompt, String strongModel, int maxTokens) {
        this(gateway, prompt, strongModel, maxTokens, null);
    }

    private ModelAnswerer(LlmGateway gateway, Prompt prompt, String strongModel, int maxTokens, String keyId) {
        this.gateway = gateway;
        this.prompt = prompt;
        this.strongModel = strongModel;
        this.maxTokens = maxTokens;
        this.keyId = keyId;
    }

    /**
     * This answerer, its calls charged to an API key: the ledger records the key and the per-key
     * budgets ({@code llm.budget.perKeyDailyUsd}, {@code perKeyMonthlyUsd}) apply to it.
     */
    public ModelAnswerer forKey(String apiKeyId) {
        return new ModelAnswerer(gateway, prompt, strongModel, maxTokens, apiKeyId);
    }

    /** The model asked first. */
    public String model() {
        return gateway.settings().model();
    }

    /** The stronger model to escalate to, or null. */
    public String strongModel() {
        return strongModel;
    }

    public String promptVersion() {
        return prompt.version();
    }

    /**
     * The model's answer text, or null when it says the passages do not hold the answer.
     *
     * @param model the model to ask, or null for the gateway's
     * @throws dev.sluice.llm.LlmException when no usable reply came (budget, breaker, failures, or an
     *     empty reply cut at the token limit)
     */
    public String answer(String question, List<ContextChunk> context, String model) {
        return answerText(gateway.chat(request(question, context, model)));
    }

    /**
     * {@link #answer}, with the reply streamed: {@code onDelta} receives each piece of text as the model
     * writes it, in order, on an HTTP client thread, and the whole text is returned at the end. The pieces
     * are the model's raw text, before any citation check: a caller that shows them must check the
     * returned text ({@link CitationVerifier}) and say so when it fails. A reply of {@code NOT_IN_CONTEXT}
     * reaches {@code onDelta} not at all (the start of a reply is held back until it cannot be that
     * marker) and returns null, as {@link #answer} does. A stream that fails after its first piece is not
     * retried: the caller may have shown part of a reply that then ends in an {@link LlmException}.
     *
     * @param model the model to ask, or null for the gateway's
     * @throws dev.sluice.llm.LlmException when no usable reply came
     */
    public String answerStreaming(String question, List<ContextChunk> context, String model, Consumer<String> onDelta) {
        HoldBackMarker held = new HoldBackMarker(Objects.requireNonNull(onDelta, "onDelta"));
        String text = answerText(gateway.stream(request(question, context, model), held));
        if (text != null) {
            held.release(); // a short reply that only looked like the start of the marker
        }
        return text;
    }

    private ChatRequest request(String question, List<ContextChunk> context, String model) {
        String rendered = prompt.render(Map.of("passages", passages(context), "question", question));
        return new ChatRequest(
                model, List.of(ChatMessage.user(rendered)), 0.0, maxTokens, null, "answer", prompt.version(), keyId);
    }

    private String answerText(ChatResult result) {
        String text = result.text().strip();
        if (text.isEmpty() && "length".equals(result.finishReason())) {
            // Reasoning models spend completion tokens on reasoning first; an empty reply cut at the limit
            // is not the model saying the passages hold no answer.
            throw new LlmException(
                    LlmOutcome.FAILED,
                    "the model (" + result.model() + ") reached the token limit of " + maxTokens
                            + " before writing an answer; reasoning models need more: raise llm.maxAnswerTokens");
        }
        return text.isEmpty() || text.startsWith(NOT_IN_CONTEXT) ? null : text;
    }

    /**
     * Passes stream pieces on, except the start of a reply while it could still be {@link
     * #NOT_IN_CONTEXT}: that is held, then passed on as soon as the reply diverges, or dropped for good
     * when the reply turns out to be the marker. Pieces come in order from one thread at a time.
     */
    private static final class HoldBackMarker implements Consumer<String> {
        private final Consumer<String> downstream;
        private final StringBuilder held = new StringBuilder();
        private boolean passing;
        private boolean marker;

        HoldBackMarker(Consumer<String> downstream) {
            this.downstream = downstream;
        }

        @Override
        public synchronized void accept(String piece) {
            if (passing) {
                downstream.accept(piece);
                return;
            }
            if (marker) {
                return;
            }
            held.append(piece);
            String start = held.toString().stripLeading();
            if (start.startsWith(NOT_IN_CONTEXT)) {
                marker = true;
            } else if (!NOT_IN_CONTEXT.startsWith(start)) {
                release();
            }
        }

        /** Passes on what is held, if anything, and everything after it. */
        synchronized void release() {
            passing = true;
            if (!held.isEmpty()) {
                downstream.accept(held.toString());
                held.setLength(0);
            }
        }
    }

    /**
     * The passages as the prompt shows them: number, citation, text; a passage that looks like it tries to
     * instruct the model is fenced as quoted data ({@link PassageFence}) under its own number.
     */
    static String passages(List<ContextChunk> context) {
        StringBuilder out = new StringBuilder();
        for (ContextChunk c : context) {
            out.append('[')
                    .append(c.number())
                    .append("] (")
                    .append(c.citation())
                    .append(")\n");
            out.append(PassageFence.render(c.text().strip())).append("\n\n");
        }
        return out.toString().strip();
    }
}
