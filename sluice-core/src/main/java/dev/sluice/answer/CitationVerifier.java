package dev.sluice.answer;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an answer's citations against its context before anyone sees it: every {@code [n]} must
 * name a passage of the context, and every quotation (text in double quotes, four words or more)
 * must appear in a passage its sentence cites. Sentences that fail are removed (repair); an
 * answer left with no valid citation is refused. Whitespace, case and typographic quotes are
 * ignored when matching quotations.
 */
public final class CitationVerifier {
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+(?:\\s*,\\s*\\d+)*)]");
    private static final Pattern QUOTE = Pattern.compile("[\"“”]([^\"“”]{8,}?)[\"“”]");
    private static final int MIN_QUOTE_WORDS = 4;

    /**
     * What the check found.
     *
     * @param text the answer with failing sentences removed (the original text when nothing failed)
     * @param cited the passage numbers the kept text cites
     * @param problems one line per failure, empty when the answer passed as it was
     * @param refused true when nothing grounded is left
     */
    public record Verdict(String text, Set<Integer> cited, List<String> problems, boolean refused) {
        public Verdict {
            cited = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(cited)); // in order of citation
            problems = List.copyOf(problems);
        }

        public boolean passedAsIs() {
            return problems.isEmpty() && !refused;
        }
    }

    /** Checks {@code answer} against the numbered {@code context}. */
    public Verdict verify(String answer, List<ContextChunk> context) {
        List<String> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<Integer> cited = new LinkedHashSet<>();
        for (String sentence : sentences(answer)) {
            Set<Integer> numbers = numbers(sentence);
            String problem = check(sentence, numbers, context);
            if (problem != null) {
                problems.add(problem);
                continue;
            }
            kept.add(sentence.strip());
            cited.addAll(numbers);
        }
        String text = String.join(" ", kept);
        boolean refused = cited.isEmpty();
        if (refused && problems.isEmpty()) {
            problems.add("the answer cites no passage of its context");
        }
        return new Verdict(problems.isEmpty() ? answer.strip() : text, cited, problems, refused);
    }

    private static String check(String sentence, Set<Integer> numbers, List<ContextChunk> context) {
        for (int n : numbers) {
            if (n < 1 || n > context.size()) {
                return "cites [" + n + "], which is not in the context (" + context.size() + " passages): \""
                        + abbreviate(sentence) + "\"";
            }
        }
        Matcher quote = QUOTE.matcher(sentence);
        while (quote.find()) {
            String quoted = quote.group(1);
            if (quoted.strip().split("\\s+").length < MIN_QUOTE_WORDS) {
                continue;
            }
            String needle = normalize(quoted);
            boolean found = numbers.stream()
                    .anyMatch(n -> normalize(context.get(n - 1).text()).contains(needle));
            if (!found) {
                return "quotes \"" + abbreviate(quoted) + "\", which is not in "
                        + (numbers.isEmpty() ? "any cited passage (the sentence cites none)" : "passage(s) " + numbers);
            }
        }
        return null;
    }

    static Set<Integer> numbers(String text) {
        Set<Integer> out = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            for (String n : m.group(1).split(",")) {
                try {
                    out.add(Integer.parseInt(n.strip()));
                } catch (NumberFormatException e) {
                    out.add(Integer.MAX_VALUE); // a number too large to be a passage
                }
            }
        }
        return out;
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = text.substring(start, end);
            if (s.isBlank()) {
                continue;
            }
            // A citation right after the full stop ("... sea. [2]") belongs to the sentence before it.
            if (!out.isEmpty() && s.strip().matches("(\\[\\d+(\\s*,\\s*\\d+)*]\\s*)+")) {
                out.set(out.size() - 1, out.getLast() + s);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static String normalize(String text) {
        return text.replace('’', '\'').replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
