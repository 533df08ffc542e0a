package dev.sluice.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A listwise reranking reply, read strictly: the reply must be passage numbers and nothing else
 * ({@code 3, 1, 2}, {@code [3] > [1] > [2]}, one a line; a final full stop and a Markdown code fence
 * are tolerated). Any other word makes the whole reply unusable, since a model that explains itself
 * may name numbers that are not a ranking ("passage 3 mentions 2019"). Numbers outside 1..n and
 * repeats are ignored; passages the reply does not name follow the named ones in their original order,
 * so the order is always complete.
 */
final class RerankReply {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,;>]+");
    private static final Pattern NUMBER = Pattern.compile("\\[?(\\d{1,6})]?");

    /**
     * A reply read.
     *
     * @param order every passage's position (0-based) once, best first; empty when unusable
     * @param placed passages the reply named (the rest were appended)
     * @param ignored numbers outside 1..n or repeated
     * @param problem why the reply is unusable, or null
     */
    record Parsed(List<Integer> order, int placed, int ignored, String problem) {
        Parsed {
            order = List.copyOf(order);
        }

        boolean usable() {
            return problem == null;
        }
    }

    private RerankReply() {}

    /** Reads {@code reply} as a ranking of {@code passages} passages numbered 1..n. */
    static Parsed parse(String reply, int passages) {
        String text = unfenced(reply == null ? "" : reply.strip());
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (text.isEmpty()) {
            return unusable("the reply is empty");
        }
        boolean[] placed = new boolean[passages];
        List<Integer> order = new ArrayList<>();
        int ignored = 0;
        for (String token : SEPARATORS.split(text)) {
            if (token.isEmpty()) {
                continue;
            }
            Matcher m = NUMBER.matcher(token);
            if (!m.matches()) {
                return unusable("the reply is not a list of passage numbers: '" + abbreviate(reply) + "'");
            }
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > passages || placed[n - 1]) {
                ignored++;
                continue;
            }
            placed[n - 1] = true;
            order.add(n - 1);
        }
        if (order.isEmpty()) {
            return unusable("the reply names no passage from 1 to " + passages + ": '" + abbreviate(reply) + "'");
        }
        int named = order.size();
        for (int i = 0; i < passages; i++) {
            if (!placed[i]) {
                order.add(i);
            }
        }
        return new Parsed(order, named, ignored, null);
    }

    private static Parsed unusable(String problem) {
        return new Parsed(List.of(), 0, 0, problem);
    }

    /** The body of a Markdown code fence ({@code ```text ... ```}), or the text as it is. */
    private static String unfenced(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
            int newline = text.indexOf('\n');
            return newline < 0
                    ? text.substring(3, text.length() - 3).strip()
                    : text.substring(newline + 1, text.length() - 3).strip();
        }
        return text;
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
