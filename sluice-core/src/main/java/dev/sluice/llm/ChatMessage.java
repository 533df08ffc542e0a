package dev.sluice.llm;

import dev.sluice.core.Checks;

/** One message of a chat: {@code role} is system, user or assistant. */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Checks.notNull("message.role", role);
        Checks.notNull("message.content", content);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
