package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic, extractive stand-in for the model behind the {@code contextualize} and {@code
 * questions} transforms: the scripted OpenAI-protocol server answers with text cut from the prompt, not
 * with anything a model wrote. It measures the pipeline (enrichment indexed for BM25 and embedded with
 * the chunk) and a cheap heuristic, never what an LLM would add.
 *
 * <ul>
 *   <li>{@code contextualize}: the document's first line (its title, {@code # } removed) and the first
 *       sentence of the rest, {@code "<title>. <first sentence>"}.
 *   <li>{@code questions}: for each of the passage's first {@code count} sentences, {@code "What is known
 *       about <its first 12 words>?"}.
 * </ul>
 *
 * <p>The prompts are the built-in ones ({@link dev.sluice.transform.TransformPrompts}): a prompt of
 * another shape gets a reply that fails validation, and the item is recorded as not enriched. Tokens are
 * billed as a BPE tokenizer roughly would: one per four characters (plus 7 for the chat overhead).
 */
final class ExtractiveStandIn {
    /** The name the benchmark prints for these replies. */
    static final String NAME = "extractive stand-in (title + first sentence; 'What is known about <first 12 words"
            + " of a sentence>?'), not a model";

    static final int QUESTION_WORDS = 12;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=\\S)");
    private static final Pattern COUNT = Pattern.compile("Write up to (\\d+) questions");
    private static final String CONTEXTUALIZE_MARK = "Write one short sentence that situates the passage";
    private static final String QUESTIONS_MARK = "questions that the passage below answers";

    private ExtractiveStandIn() {}

    /** The server's reply to one chat request. */
    static ScriptedOpenAiServer.Step reply(ScriptedOpenAiServer.Seen request) {
        String reply = replyText(request.lastUserMessage());
        long chars = 0;
        for (var m : request.body().path("messages")) {
            chars += m.path("content").asText().length();
        }
        return ScriptedOpenAiServer.ok(reply, chars / 4 + 7, reply.length() / 4 + 1);
    }

    /** The JSON reply to a prompt; {@code {}} (invalid for both kinds) for a prompt of another shape. */
    static String replyText(String prompt) {
        ObjectNode out = JSON.createObjectNode();
        if (prompt.contains(CONTEXTUALIZE_MARK)) {
            String context = context(between(prompt, "<document>", "</document>"));
            if (!context.isBlank()) {
                out.put("context", context);
            }
        } else if (prompt.contains(QUESTIONS_MARK)) {
            Matcher m = COUNT.matcher(prompt);
            int count = m.find() ? Integer.parseInt(m.group(1)) : 3;
            List<String> questions = questions(passage(prompt), count);
            if (!questions.isEmpty()) {
                ArrayNode list = out.putArray("questions");
                questions.forEach(list::add);
            }
        }
        return out.toString();
    }

    /** {@code "<title>. <first sentence of the body>"} of a document's text. */
    static String context(String document) {
        String text = document.strip();
        int nl = text.indexOf('\n');
        String title = (nl < 0 ? text : text.substring(0, nl))
                .replaceFirst("^#+\\s*", "")
                .strip();
        String body = nl < 0 ? "" : text.substring(nl + 1).strip();
        String first = body.isEmpty() ? "" : SENTENCE_END.split(body, 2)[0].strip();
        if (title.isEmpty()) {
            return first;
        }
        if (first.isEmpty()) {
            return title;
        }
        return (title.matches(".*[.!?]$") ? title : title + ".") + " " + first;
    }

    /** Up to {@code count} pseudo-questions, one per leading sentence of {@code passage}. */
    static List<String> questions(String passage, int count) {
        List<String> out = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(passage.strip())) {
            if (out.size() == count) {
                break;
            }
            String[] words = sentence.strip().replaceAll("[.!?]+$", "").split("\\s+");
            String head = String.join(" ", Arrays.asList(words).subList(0, Math.min(QUESTION_WORDS, words.length)))
                    .strip();
            if (!head.isEmpty()) {
                out.add("What is known about " + lowerFirst(head) + "?");
            }
        }
        return out;
    }

    /** The passage of a questions prompt: what follows the {@code Section:} line and its blank line. */
    static String passage(String prompt) {
        int section = prompt.indexOf("\nSection:");
        if (section < 0) {
            return "";
        }
        int lineEnd = prompt.indexOf('\n', section + 1);
        return lineEnd < 0 ? "" : prompt.substring(lineEnd + 1).strip();
    }

    private static String between(String text, String open, String close) {
        int a = text.indexOf(open);
        int b = text.lastIndexOf(close);
        return a < 0 || b < a ? "" : text.substring(a + open.length(), b);
    }

    private static String lowerFirst(String s) {
        // Keep acronyms and gene names (two capitals in a row) as written.
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
