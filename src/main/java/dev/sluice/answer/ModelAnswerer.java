package dev.sluice.answer;

import dev.sluice.llm.ChatMessage;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.ChatResult;
import dev.sluice.llm.LlmGateway;
import java.util.List;
import java.util.Map;

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

    /**
     * @param strongModel the model tried when the first answer fails its citation check, or null
     * @param maxTokens most tokens an answer may take
     */
    public ModelAnswerer(LlmGateway gateway, Prompt prompt, String strongModel, int maxTokens) {
        this.gateway = gateway;
        this.prompt = prompt;
        this.strongModel = strongModel;
        this.maxTokens = maxTokens;
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
     * @throws dev.sluice.llm.LlmException when no usable reply came (budget, breaker, failures)
     */
    public String answer(String question, List<ContextChunk> context, String model) {
        String rendered = prompt.render(Map.of("passages", passages(context), "question", question));
        ChatRequest request = new ChatRequest(
                model, List.of(ChatMessage.user(rendered)), 0.0, maxTokens, null, "answer", prompt.version(), null);
        ChatResult result = gateway.chat(request);
        String text = result.text().strip();
        return text.isEmpty() || text.startsWith(NOT_IN_CONTEXT) ? null : text;
    }

    /** The passages as the prompt shows them: number, citation, text. */
    static String passages(List<ContextChunk> context) {
        StringBuilder out = new StringBuilder();
        for (ContextChunk c : context) {
            out.append('[')
                    .append(c.number())
                    .append("] (")
                    .append(c.citation())
                    .append(")\n");
            out.append(c.text().strip()).append("\n\n");
        }
        return out.toString().strip();
    }
}
