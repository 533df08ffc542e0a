package dev.sluice.bench.quality;

import dev.sluice.quality.TextNormalizer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The ways real text gets garbled, applied to real passages, each block then normalized again as a sync
 * would: mojibake (UTF-8 decoded as Windows-1252 or Latin-1), replacement characters (Windows-1252 read
 * as UTF-8, or damaged bytes), private-use glyphs (a PDF symbol font without a Unicode map, which
 * PDFBox gives as U+F0xx), the "7KH" font offset (a subset font whose codes are glyph ids: every
 * character 29 below its letter), and OCR errors (character confusions, specks, split and merged
 * words).
 */
final class Corruptions {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private Corruptions() {}

    /** Whether a text has enough non-ASCII characters for an encoding error to show. */
    static boolean hasNonAscii(String text, int atLeast) {
        return text.chars().filter(c -> c > 0x7F).count() >= atLeast;
    }

    static String mojibake(String text, boolean latin1) {
        return perBlock(
                text,
                b -> new String(b.getBytes(StandardCharsets.UTF_8), latin1 ? StandardCharsets.ISO_8859_1 : CP1252));
    }

    /** Windows-1252 bytes read as UTF-8: each non-ASCII character becomes U+FFFD. */
    static String cp1252ReadAsUtf8(String text) {
        return perBlock(text, b -> new String(b.getBytes(CP1252), StandardCharsets.UTF_8));
    }

    /** A share of the UTF-8 bytes overwritten with high bytes, as a damaged transfer leaves them. */
    static String damagedBytes(String text, double share, Random random) {
        return perBlock(text, b -> {
            byte[] bytes = b.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                if (random.nextDouble() < share) {
                    bytes[i] = (byte) (0x80 + random.nextInt(0x80));
                }
            }
            return new String(bytes, StandardCharsets.UTF_8);
        });
    }

    /** Letters and digits of a share of the words as a symbol font's private-use codes (U+F000 + code). */
    static String privateUse(String text, double share, Random random) {
        return words(text, share, random, word -> {
            StringBuilder out = new StringBuilder();
            for (char c : word.toCharArray()) {
                out.append(c < 0x80 && Character.isLetterOrDigit(c) ? (char) (0xF000 + c) : c);
            }
            return out.toString();
        });
    }

    /** Every printable ASCII character 29 below itself, where that is still printable: "The" becomes "7KH". */
    static String fontOffset(String text) {
        return perBlock(text, b -> {
            StringBuilder out = new StringBuilder(b.length());
            for (char c : b.toCharArray()) {
                out.append(c > 0x20 && c < 0x7F && c - 29 > 0x20 ? (char) (c - 29) : c);
            }
            return out.toString();
        });
    }

    private static final List<String[]> CONFUSIONS = List.of(
            new String[] {"rn", "m"},
            new String[] {"m", "rn"},
            new String[] {"l", "1"},
            new String[] {"I", "l"},
            new String[] {"O", "0"},
            new String[] {"o", "0"},
            new String[] {"e", "c"},
            new String[] {"c", "e"},
            new String[] {"h", "b"},
            new String[] {"b", "h"},
            new String[] {"i", "l"},
            new String[] {"cl", "d"},
            new String[] {"d", "cl"},
            new String[] {"li", "h"},
            new String[] {"u", "n"},
            new String[] {"n", "u"},
            new String[] {"s", "5"},
            new String[] {"S", "5"},
            new String[] {"a", "o"},
            new String[] {"t", "f"},
            new String[] {"f", "t"},
            new String[] {"g", "q"},
            new String[] {"y", "v"},
            new String[] {"w", "vv"},
            new String[] {"B", "8"},
            new String[] {"th", "tb"},
            new String[] {"fi", "f"},
            new String[] {"e", "é"});

    private static final String SPECKS = ".,'`~^|:;\u00AC\u00B0";

    /** OCR errors in a share of the words: a confusion, a speck, a split, a merge, a dropped letter. */
    static String ocr(String text, double share, Random random) {
        return perBlock(text, block -> {
            String[] words = block.split(" ");
            StringBuilder out = new StringBuilder(block.length() + 16);
            boolean glued = false;
            for (int w = 0; w < words.length; w++) {
                String word = words[w];
                boolean glueNext = false;
                if (word.length() >= 2 && random.nextDouble() < share) {
                    switch (random.nextInt(10)) {
                        case 0, 1, 2, 3 -> word = confuse(word, random);
                        case 4, 5 -> {
                            int at = 1 + random.nextInt(word.length() - 1);
                            word = word.substring(0, at)
                                    + SPECKS.charAt(random.nextInt(SPECKS.length()))
                                    + word.substring(at);
                        }
                        case 6 -> {
                            int at = 1 + random.nextInt(word.length() - 1);
                            word = word.substring(0, at) + " " + word.substring(at);
                        }
                        case 7 -> glueNext = true;
                        case 8 -> {
                            int at = random.nextInt(word.length());
                            word = word.substring(0, at) + word.substring(at + 1);
                        }
                        default -> word = confuse(confuse(word, random), random);
                    }
                }
                if (w > 0 && !glued) {
                    out.append(' ');
                }
                out.append(word);
                glued = glueNext;
            }
            return out.toString();
        });
    }

    private static String confuse(String word, Random random) {
        for (int tries = 0; tries < 6; tries++) {
            String[] c = CONFUSIONS.get(random.nextInt(CONFUSIONS.size()));
            int at = word.indexOf(c[0]);
            if (at >= 0) {
                return word.substring(0, at) + c[1] + word.substring(at + c[0].length());
            }
        }
        return word;
    }

    private interface WordChange {
        String apply(String word);
    }

    private static String words(String text, double share, Random random, WordChange change) {
        return perBlock(text, block -> {
            String[] words = block.split(" ");
            for (int i = 0; i < words.length; i++) {
                if (random.nextDouble() < share) {
                    words[i] = change.apply(words[i]);
                }
            }
            return String.join(" ", words);
        });
    }

    private interface BlockChange {
        String apply(String block);
    }

    /** Applies a change to each block and normalizes it again, as extraction and normalization would. */
    private static String perBlock(String text, BlockChange change) {
        String[] blocks = text.split("\n\n");
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (String block : blocks) {
            String changed = TextNormalizer.normalizeText(change.apply(block));
            if (changed.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append(changed);
        }
        return out.toString();
    }
}
