package dev.sluice.answer;

import dev.sluice.core.Checks;
import dev.sluice.llm.ChatMessage;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.ChatResult;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.LlmGateway;
import dev.sluice.retrieve.Reranker;
import dev.sluice.retrieve.Reranking;
import dev.sluice.retrieve.SearchHit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Reranker} that shows a language model the question and the numbered candidates (each cut to
 * a character budget) with the versioned {@code rerank} prompt, and asks for the passage numbers in
 * order of relevance, in one call (listwise). The reply is read strictly ({@code RerankReply}): numbers
 * it does not know are ignored, passages it does not name keep their original order after the named
 * ones, and a reply that is not a list of numbers keeps the original order.
 *
 * <p>The call goes through the {@link LlmGateway} like every model call: cached (the same question,
 * passages as shown, prompt version and model make one call; later ones are served from the cache with
 * a {@code cached} ledger row), budgeted (a call the budget refuses is not made), retried, behind the
 * circuit breaker, and written to the ledger with purpose {@code rerank}. Any failure (budget, breaker,
 * time-outs, errors, an unusable reply) keeps the original order and says why in {@link
 * Reranking#fallbackReason()}; the gateway's ledger row records the call itself. Thread-safe.
 */
public final class ListwiseLlmReranker implements Reranker {
    /** The purpose of the reranker's calls in the ledger and the traces. */
    public static final String PURPOSE = "rerank";

    private final LlmGateway gateway;
    private final Prompt prompt;
    private final String model;
    private final int maxPassageChars;
    private final String keyId;

    /**
     * @param prompt the {@code rerank} prompt (placeholders question, count, passages)
     * @param model the model that ranks, or null for the gateway's
     * @param maxPassageChars each passage's text is cut to this many characters
     */
    public ListwiseLlmReranker(LlmGateway gateway, Prompt prompt, String model, int maxPassageChars) {
        this(gateway, prompt, model, maxPassageChars, null);
    }

    private ListwiseLlmReranker(LlmGateway gateway, Prompt prompt, String model, int maxPassageChars, String keyId) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.prompt = Objects.requireNonNull(prompt, "prompt");
        this.model = model;
        this.maxPassageChars = Checks.positive("maxPassageChars", maxPassageChars);
        this.keyId = keyId;
    }

    /** This reranker, its calls charged to an API key (the ledger and the per-key budgets see it), or to none. */
    public ListwiseLlmReranker forKey(String apiKeyId) {
        return new ListwiseLlmReranker(gateway, prompt, model, maxPassageChars, apiKeyId);
    }

    @Override
    public String describe() {
        return "llm " + model() + ", prompt " + prompt.version();
    }

    /** The model that ranks. */
    public String model() {
        return model != null ? model : gateway.settings().model();
    }

    @Override
    public Reranking rerank(String question, List<SearchHit> candidates, int k) {
        Checks.notNull("question", question);
        Checks.notNull("candidates", candidates);
        Checks.positive("k", k);
        if (candidates.size() < 2) {
            return Reranking.fallback(describe(), candidates, k, "fewer than 2 candidates: nothing to reorder");
        }
        ChatResult result;
        try {
            result = gateway.chat(request(question, candidates));
        } catch (LlmException e) {
            return Reranking.fallback(describe(), candidates, k, e.outcome().ledgerName() + ": " + e.getMessage());
        }
        RerankReply.Parsed parsed = RerankReply.parse(result.text(), candidates.size());
        if (!parsed.usable()) {
            String cut = "length".equals(result.finishReason())
                    ? " (cut at the token limit; a reasoning model needs more than this call allows)"
                    : "";
            return Reranking.fallback(describe(), candidates, k, parsed.problem() + cut);
        }
        return Reranking.ordered(describe(), candidates, parsed.order(), k, result.fromCache());
    }

    private ChatRequest request(String question, List<SearchHit> candidates) {
        String rendered = prompt.render(Map.of(
                "question", question.strip(),
                "count", Integer.toString(candidates.size()),
                "passages", passages(candidates, maxPassageChars)));
        return new ChatRequest(
                model,
                List.of(ChatMessage.user(rendered)),
                0.0,
                replyTokens(candidates.size()),
                null,
                PURPOSE,
                prompt.version(),
                keyId);
    }

    /** Room for every number and its separator (a number up to 100 is one or two tokens), and a little more. */
    static int replyTokens(int passages) {
        return 16 + 4 * passages;
    }

    /**
     * The passages as the prompt shows them: number, citation, text cut to the budget; fenced as quoted data
     * when the whole text looks like it tries to instruct the model ({@link PassageFence}).
     */
    static String passages(List<SearchHit> candidates, int maxChars) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < candidates.size(); i++) {
            SearchHit h = candidates.get(i);
            out.append('[').append(i + 1).append("] (").append(h.citation()).append(")\n");
            String text = h.text().strip();
            out.append(PassageFence.render(text, cut(text, maxChars))).append("\n\n");
        }
        return out.toString().strip();
    }

    /** The text cut to {@code maxChars} at a word boundary when one is near, marked with an ellipsis. */
    static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        int space = text.lastIndexOf(' ', end);
        if (space > maxChars * 4 / 5) {
            end = space;
        } else if (Character.isLowSurrogate(text.charAt(end))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end).stripTrailing() + " …";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ListwiseLlmReranker[%s, %d chars a passage]", describe(), maxPassageChars);
    }
}
