package dev.sluice.bench;

import java.util.Random;

/**
 * English-like documents for benchmarks when no corpus is at hand: headings and paragraphs of
 * common words with a Zipf-like frequency, so BM25 and the tokenizer see realistic text shapes.
 */
final class GeneratedText {
    private static final String[] WORDS =
            ("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they "
                            + "you were her she there been one all we their has would when if so no what up out who them some could more "
                            + "data system model index search query document chunk vector token pipeline source result time cell protein "
                            + "gene patient study effect risk level increase reduce treatment analysis method sample energy market rate "
                            + "network memory process value error signal factor response growth change report design policy control")
                    .split(" ");

    private GeneratedText() {}

    static String word(Random random) {
        // Squaring a uniform number favours the first (common) words, roughly like natural text.
        double u = random.nextDouble();
        return WORDS[(int) (u * u * WORDS.length)];
    }

    static String sentence(Random random) {
        int n = 8 + random.nextInt(18);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String w = word(random);
            sb.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w)
                    .append(i + 1 < n ? " " : ".");
        }
        return sb.toString();
    }

    static String document(Random random) {
        StringBuilder sb = new StringBuilder("# ").append(sentence(random)).append("\n\n");
        int sections = 1 + random.nextInt(3);
        for (int s = 0; s < sections; s++) {
            sb.append("## ").append(sentence(random)).append("\n\n");
            int paragraphs = 1 + random.nextInt(3);
            for (int p = 0; p < paragraphs; p++) {
                int sentences = 3 + random.nextInt(6);
                for (int i = 0; i < sentences; i++) {
                    sb.append(sentence(random)).append(' ');
                }
                sb.append("\n\n");
            }
        }
        return sb.toString();
    }
}
