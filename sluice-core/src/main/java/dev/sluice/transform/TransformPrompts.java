package dev.sluice.transform;

import dev.sluice.answer.Prompt;
import dev.sluice.core.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in prompt of each kind, and the variables any transform prompt may use. A prompt file of
 * a step replaces its kind's prompt; its {@code {{variables}}} are checked when sluice.yaml is loaded.
 */
public final class TransformPrompts {
    /**
     * The variables a prompt may use: {@code text} (the document's text for document steps, the chunk's
     * for chunk steps, cut at maxInputTokens), {@code document} (the document's text, cut), {@code title},
     * {@code source}, {@code uri}, {@code heading} (the chunk's heading path), {@code labels}, {@code fields}
     * and {@code count}.
     */
    public static final Set<String> VARIABLES =
            Set.of("text", "document", "title", "source", "uri", "heading", "labels", "fields", "count");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}\\s]*)\\s*}}");

    private TransformPrompts() {}

    /** The placeholders of {@code body} that are not {@link #VARIABLES}, in order of appearance, each once. */
    public static List<String> unknownVariables(String body) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            if (!VARIABLES.contains(m.group(1)) && !unknown.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** The variables allowed, sorted, for messages. */
    public static String allowed() {
        return String.join(", ", new TreeSet<>(VARIABLES));
    }

    /** The built-in prompt of {@code kind}. */
    public static Prompt builtIn(TransformKind kind) {
        String body = switch (kind) {
            case CLASSIFY -> """
                            Classify the document below. Choose exactly one label from: {{labels}}.
                            Reply with JSON only: {"label": "<one of the labels>"}.

                            Title: {{title}}

                            {{text}}
                            """;
            case EXTRACT -> """
                            Extract these fields from the document below: {{fields}}.
                            Use null for a field the document does not state. Do not guess.
                            Reply with JSON only, one key per field.

                            Title: {{title}}

                            {{text}}
                            """;
            case SUMMARIZE -> """
                            Summarize the document below in at most three sentences, stating its subject and its
                            main facts. Reply with JSON only: {"summary": "..."}.

                            Title: {{title}}

                            {{text}}
                            """;
            case QUESTIONS -> """
                            Write up to {{count}} questions that the passage below answers, as a reader would ask
                            them without having seen it. Reply with JSON only: {"questions": ["...", "..."]}.

                            Document: {{title}}
                            Section: {{heading}}

                            {{text}}
                            """;
            case CONTEXTUALIZE -> """
                            <document>
                            {{document}}
                            </document>

                            Here is a passage of that document:
                            <passage>
                            {{text}}
                            </passage>

                            Write one short sentence that situates the passage within the document, to improve
                            search retrieval of the passage. Reply with JSON only: {"context": "..."}.
                            """;
        };
        String name = "transform-" + kind.label();
        return new Prompt(
                name,
                "built-in prompt of " + kind.label() + " steps",
                body,
                name + "@" + Hashing.sha256Hex(body).substring(0, 12),
                "built-in");
    }
}
