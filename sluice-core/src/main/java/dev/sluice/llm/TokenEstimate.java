package dev.sluice.llm;

import java.util.List;

/**
 * A cautious estimate of a request's tokens before it is sent, for the limiter and the budget
 * reserve. Input: one token per 3 characters (BPE tokenizers average about 4 for English) plus 4 per
 * message and 3 for the reply's priming, as OpenAI counts chat overhead. Output: the max tokens asked,
 * a true ceiling.
 */
public record TokenEstimate(long inputTokens, long outputTokens) {
    public static TokenEstimate of(List<ChatMessage> messages, int maxTokens) {
        long input = 3;
        for (ChatMessage m : messages) {
            input += 4 + (m.content().length() + m.role().length() + 2) / 3;
        }
        return new TokenEstimate(input, maxTokens);
    }

    public long total() {
        return inputTokens + outputTokens;
    }
}
