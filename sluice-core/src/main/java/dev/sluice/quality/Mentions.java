package dev.sluice.quality;

/**
 * Tells whether an {@link InjectionHit} is talked about rather than given: inside quotation marks
 * (straight, curly, guillemets, German low-high), inside a code span (backticks, {@code <code>}), or
 * introduced as an example in its sentence ("attackers embed phrases such as ...") and not continued as
 * an order ("... and send the chat to ..." is an order, whatever came before). Quotes are looked for
 * within the hit's block and at most {@link #REACH} characters on either side.
 */
final class Mentions {
    /** How far before and after a hit its opening and closing quote may be. */
    static final int REACH = 200;

    private Mentions() {}

    static boolean isMention(String text, int start, int end) {
        int from = blockStart(text, start);
        int to = blockEnd(text, end);
        return quotedSame(text, '"', from, start, end, to)
                || quotedSame(text, '`', from, start, end, to)
                || quotedPair(text, '\u201C', '\u201D', from, start, end, to)
                || quotedPair(text, '\u00AB', '\u00BB', from, start, end, to)
                || quotedPair(text, '\u201E', '\u201C', from, start, end, to)
                || quotedPair(text, '\u201E', '\u201D', from, start, end, to)
                || quotedPair(text, '\u2018', '\u2019', from, start, end, to)
                || quotedSingle(text, from, start, end, to)
                || inCodeElement(text, from, start, end, to)
                || introducedAsExample(text, from, start, end, to);
    }

    private static int blockStart(String text, int start) {
        int block = text.lastIndexOf("\n\n", start);
        return Math.max(block < 0 ? 0 : block + 2, Math.max(0, start - REACH));
    }

    private static int blockEnd(String text, int end) {
        int block = text.indexOf("\n\n", end);
        return Math.min(block < 0 ? text.length() : block, Math.min(text.length(), end + REACH));
    }

    /** A quote character that opens and closes: an odd number before the hit and one after it. */
    private static boolean quotedSame(String text, char q, int from, int start, int end, int to) {
        int before = 0;
        for (int i = from; i < start; i++) {
            if (text.charAt(i) == q) {
                before++;
            }
        }
        return before % 2 == 1 && text.indexOf(q, end) >= 0 && text.indexOf(q, end) < to;
    }

    /** An opening mark before the hit with no closing mark between, and a closing mark after it. */
    private static boolean quotedPair(String text, char open, char close, int from, int start, int end, int to) {
        int opened = lastIndexOf(text, open, from, start);
        if (opened < 0 || lastIndexOf(text, close, opened + 1, start) >= 0) {
            return false;
        }
        int closed = text.indexOf(close, end);
        return closed >= 0 && closed < to;
    }

    /**
     * Straight or curly single quotes, told from apostrophes: an opening one has no letter or digit before
     * it, a closing one none after it.
     */
    private static boolean quotedSingle(String text, int from, int start, int end, int to) {
        int opened = -1;
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if ((c == '\'' || c == '\u2019')
                    && (i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1)))) {
                return false; // a closing quote between: the hit is after a quotation, not in one
            }
            if ((c == '\'' || c == '\u2018') && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                opened = i;
                break;
            }
        }
        if (opened < 0) {
            return false;
        }
        for (int i = end; i < to; i++) {
            char c = text.charAt(i);
            if ((c == '\'' || c == '\u2019')
                    && (i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean inCodeElement(String text, int from, int start, int end, int to) {
        String before = text.substring(from, start);
        int open = Math.max(before.lastIndexOf("<code"), before.lastIndexOf("<pre"));
        int close = Math.max(before.lastIndexOf("</code>"), before.lastIndexOf("</pre>"));
        if (open < 0 || open < close) {
            return false;
        }
        String after = text.substring(end, to);
        return after.contains("</code>") || after.contains("</pre>");
    }

    private static boolean introducedAsExample(String text, int from, int start, int end, int to) {
        int sentence = from;
        for (int i = start - 1; i >= from; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?')
                    && i + 1 < start
                    && text.charAt(i + 1) == ' '
                    && !(i >= 3 && text.startsWith("e.g", i - 3))
                    && !(i >= 1 && text.startsWith("e.g", i - 1))) {
                sentence = i + 1;
                break;
            }
        }
        if (!InjectionScanner.exampleFrame()
                .matcher(text.substring(sentence, start))
                .find()) {
            return false;
        }
        return InjectionScanner.mentionTail()
                .matcher(text.substring(end, Math.min(to, end + 40)))
                .find();
    }

    private static int lastIndexOf(String text, char c, int from, int before) {
        for (int i = before - 1; i >= from; i--) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
