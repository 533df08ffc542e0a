package dev.sluice.llm;

import java.util.Locale;

/**
 * Which request field carries the completion token limit. OpenAI's reasoning models (the o1, o3, o4 and
 * gpt-5 families) refuse {@code max_tokens} and any temperature but the default; every other
 * OpenAI-compatible server reads {@code max_tokens}, and not all of them read {@code
 * max_completion_tokens}. {@link #AUTO} picks by model name, which also decides whether temperature is
 * sent (see {@link #reasoningModel}).
 */
public enum TokenParameter {
    /** {@code max_completion_tokens} for reasoning models (by name), {@code max_tokens} for the others. */
    AUTO,
    /** Always {@code max_tokens}: older servers and most local ones. */
    MAX_TOKENS,
    /** Always {@code max_completion_tokens}: a reasoning model under a name {@link #AUTO} does not know. */
    MAX_COMPLETION_TOKENS;

    /** The label in {@code sluice.yaml}: {@code auto}, {@code max_tokens}, {@code max_completion_tokens}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The parameter with this label, case and surrounding blanks ignored, or null for none. */
    public static TokenParameter fromLabel(String label) {
        for (TokenParameter p : values()) {
            if (label != null && p.label().equalsIgnoreCase(label.strip())) {
                return p;
            }
        }
        return null;
    }

    /** The JSON field that carries the token limit in a request for {@code model}. */
    public String field(String model) {
        return switch (this) {
            case MAX_TOKENS -> "max_tokens";
            case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
            case AUTO -> reasoningModel(model) ? "max_completion_tokens" : "max_tokens";
        };
    }

    /**
     * Whether {@code model} is one of OpenAI's reasoning models, which take {@code max_completion_tokens}
     * and no temperature: its name, after any {@code vendor/} or fine-tune {@code ft:} prefix, starts with
     * o1, o3, o4 or gpt-5 ({@code o4-mini}, {@code o3-2025-04-16}, {@code gpt-5-mini}, {@code openai/o3}).
     * Temperature is left out for these models whatever the token parameter, as they refuse it.
     */
    public static boolean reasoningModel(String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        if (name.startsWith("ft:")) {
            name = name.substring(3);
        }
        for (String family : new String[] {"o1", "o3", "o4"}) {
            if (name.equals(family) || name.startsWith(family + "-")) {
                return true;
            }
        }
        return name.equals("gpt-5") || name.startsWith("gpt-5-") || name.startsWith("gpt-5.");
    }
}
