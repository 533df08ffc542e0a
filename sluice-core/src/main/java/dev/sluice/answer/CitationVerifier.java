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
 *
 * <p>Quotations are the text between a sentence's first and second quotation mark, its third and
 * fourth, and so on, never the text between one quotation's end and the next one's start; and a
 * sentence never ends inside a quotation that closes within the next few sentences ({@code He said
 * "Stop. Wait here." and left.} is one sentence). The {@link ExtractiveAnswerer} takes its sentences
 * from passages with this same splitting, so its quotations are whole and found where they came from.
 */
public final class CitationVerifier {
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+(?:\\s*,\\s*\\d+)*)]");
    /** A citation that ends a sentence, with the space after it: {@code "[2]. "}, {@code "[1, 3]! "}. */
    private static final Pattern CITED_END = Pattern.compile("\\[\\d+(?:\\s*,\\s*\\d+)*][.!?]+\\s+");
    /** Citations opening a piece, with the punctuation and space after them: {@code "[2] "}, {@code "[1]. "}. */
    private static final Pattern LEADING_CITATION =
            Pattern.compile("\\s*(?:\\[\\d+(?:\\s*,\\s*\\d+)*]\\s*)+[.!?]*\\s*");

    private static final String QUOTE_MARKS = "\"“”";
    private static final int MIN_QUOTE_CHARS = 8;
    private static final int MIN_QUOTE_WORDS = 4;
    /** How many sentence breaks a quotation may span and still hold its sentence together. */
    private static final int MAX_BREAKS_IN_QUOTE = 4;

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

    /** Checks {@code answer} against the numbered {@code context}, sentence by sentence. */
    public Verdict verify(String answer, List<ContextChunk> context) {
        return verify(sentences(answer), answer.strip(), context);
    }

    /**
     * Checks exactly these sentences, each on its own, without splitting their joined text again: for
     * an answer made of known spans (the {@link ExtractiveAnswerer}'s), so the check reads the spans it
     * took. The verdict's text, when nothing failed, is the sentences joined by single spaces.
     */
    public Verdict verify(List<String> sentences, List<ContextChunk> context) {
        return verify(
                sentences,
                String.join(" ", sentences.stream().map(String::strip).toList()),
                context);
    }

    private Verdict verify(List<String> sentences, String answer, List<ContextChunk> context) {
        List<String> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<Integer> cited = new LinkedHashSet<>();
        for (String sentence : sentences) {
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
        return new Verdict(problems.isEmpty() ? answer : text, cited, problems, refused);
    }

    private static String check(String sentence, Set<Integer> numbers, List<ContextChunk> context) {
        for (int n : numbers) {
            if (n < 1 || n > context.size()) {
                return "cites [" + n + "], which is not in the context (" + context.size() + " passages): \""
                        + abbreviate(sentence) + "\"";
            }
        }
        for (String quoted : quotations(sentence)) {
            if (quoted.length() < MIN_QUOTE_CHARS || quoted.strip().split("\\s+").length < MIN_QUOTE_WORDS) {
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

    /** The text between quotation marks 1 and 2, 3 and 4, ...; a last mark without a partner opens nothing. */
    static List<String> quotations(String sentence) {
        List<String> out = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < sentence.length(); i++) {
            if (QUOTE_MARKS.indexOf(sentence.charAt(i)) < 0) {
                continue;
            }
            if (open < 0) {
                open = i;
            } else {
                out.add(sentence.substring(open + 1, i));
                open = -1;
            }
        }
        return out;
    }

    /** Straight and typographic double quotation marks in {@code text}. */
    static int quoteMarks(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (QUOTE_MARKS.indexOf(text.charAt(i)) >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The sentences of {@code text}: Java's English sentence breaks, and a break after every citation
     * that closes a sentence ({@code "[2]. "}, whatever follows); a citation at the start of a piece
     * ({@code "... sea. [2] Then"}) belongs to the sentence before it; and a break inside a quotation
     * that closes within {@value #MAX_BREAKS_IN_QUOTE} more breaks does not count. The one splitter of
     * answers and of the passages extractive answers are taken from.
     */
    static List<String> sentences(String text) {
        List<String> pieces = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String piece = text.substring(start, end);
            Matcher cited = CITED_END.matcher(piece);
            int from = 0;
            while (cited.find()) {
                if (cited.end() < piece.length()) {
                    pieces.add(piece.substring(from, cited.end()));
                    from = cited.end();
                }
            }
            pieces.add(piece.substring(from));
        }
        for (int i = 1; i < pieces.size(); i++) {
            Matcher leading = LEADING_CITATION.matcher(pieces.get(i));
            if (leading.lookingAt() && !pieces.get(i - 1).isBlank()) {
                pieces.set(i - 1, pieces.get(i - 1) + leading.group());
                pieces.set(i, pieces.get(i).substring(leading.end()));
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            int last = closingPiece(pieces, i);
            String s = String.join("", pieces.subList(i, last + 1));
            i = last;
            if (!s.isBlank()) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The last piece of the sentence that starts at piece {@code i}: the piece that closes a quotation
     * left open in piece {@code i}, when one of the next few does; else {@code i} itself.
     */
    private static int closingPiece(List<String> pieces, int i) {
        int marks = quoteMarks(pieces.get(i));
        if (marks % 2 == 0) {
            return i;
        }
        for (int j = i + 1; j < pieces.size() && j <= i + MAX_BREAKS_IN_QUOTE; j++) {
            marks += quoteMarks(pieces.get(j));
            if (marks % 2 == 0) {
                return j;
            }
        }
        return i;
    }

    private static String normalize(String text) {
        return text.replace('’', '\'').replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 77) + "...";
    }
}
