package dev.sluice.chunk;

import dev.sluice.quality.NormalizedDocument;
import java.util.Random;

/**
 * Random documents that mix what real ones hold and what breaks chunkers: headings at any level,
 * short and long paragraphs, sentences of thousands of words, unbroken runs (base64, CJK without
 * spaces), accents, combining marks, emoji (surrogate pairs), control and zero-width characters.
 */
final class RandomDocuments {
    private static final String[] WORDS = {
        "the",
        "data",
        "pipeline",
        "chunk",
        "token",
        "index",
        "Lucene",
        "vector",
        "search",
        "quality",
        "café",
        "naïve",
        "résumé",
        "Zürich",
        "façade",
        "e\u0301le\u0301ment",
        "über",
        "straße",
        "日本語",
        "検索",
        "数据",
        "한국어",
        "😀",
        "👍🏽",
        "🚀rocket",
        "x²",
        "α-β",
        "foo_bar",
        "1234567",
        "https://example.com/a/b?c=d",
        "don't",
        "(see",
        "note)",
        "—",
        "C++",
        "e.g.",
        "\u200bzero",
        "tab\tbed"
    };
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private RandomDocuments() {}

    static NormalizedDocument next(Random random, String uri) {
        TestDocument doc = TestDocument.uri(uri);
        boolean paged = random.nextBoolean();
        int page = 1;
        int blocks = 1 + random.nextInt(random.nextInt(10) == 0 ? 50 : 16);
        for (int b = 0; b < blocks; b++) {
            if (paged) {
                if (random.nextInt(4) == 0) {
                    page += 1 + random.nextInt(2);
                }
                doc.page(page);
            }
            int kind = random.nextInt(22);
            if (kind >= 20) {
                table(random, doc);
            } else if (kind < 5) {
                doc.heading(
                        1 + random.nextInt(random.nextBoolean() ? 3 : 6),
                        sentence(random, 1 + random.nextInt(6), false));
            } else if (kind < 11) {
                doc.text(paragraph(random, 1 + random.nextInt(3), 12));
            } else if (kind < 15) {
                doc.text(paragraph(random, 5 + random.nextInt(30), 30));
            } else if (kind < 16) {
                doc.text(sentence(
                        random, 100 + random.nextInt(random.nextBoolean() ? 300 : 900), true)); // no sentence boundary
            } else if (kind < 17) {
                doc.text(base64(random, 100 + random.nextInt(random.nextInt(4) > 0 ? 600 : 3000)));
            } else if (kind < 18) {
                doc.text(cjk(random, 50 + random.nextInt(random.nextInt(4) > 0 ? 400 : 2500), random.nextBoolean()));
            } else if (kind < 19) {
                doc.text(paragraph(random, 1, 8) + " "
                        + base64(random, 50 + random.nextInt(random.nextInt(4) > 0 ? 400 : 2500)) + " "
                        + paragraph(random, 2, 10));
            } else {
                doc.text(odd(random));
            }
        }
        return doc.build();
    }

    /** A table: most often a header line, then 1 to 60 rows of a label and numbers. */
    static void table(Random random, TestDocument doc) {
        int columns = 1 + random.nextInt(4);
        if (random.nextInt(5) > 0) {
            StringBuilder header =
                    new StringBuilder(sentence(random, 1 + random.nextInt(random.nextInt(8) == 0 ? 60 : 8), true));
            for (int c = 0; c < columns; c++) {
                header.append(" | ").append(2024 - c);
            }
            doc.tableHeader(header.append(" (Millions)").toString());
        }
        int rows = 1 + random.nextInt(random.nextBoolean() ? 8 : 60);
        for (int r = 0; r < rows; r++) {
            StringBuilder row =
                    new StringBuilder(sentence(random, 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 8), true));
            for (int c = 0; c < columns; c++) {
                row.append(" | ")
                        .append(2024 - c)
                        .append(": (")
                        .append(random.nextInt(100_000))
                        .append(')');
            }
            doc.tableRow(row.toString());
        }
    }

    static ChunkerSettings settings(Random random) {
        int[] sizes = {12, 16, 32, 64, 128, 256, 510};
        int max = sizes[random.nextInt(sizes.length)];
        int overlap = random.nextInt(4) == 0 ? 0 : random.nextInt((max - 1) / 2 + 1);
        return new ChunkerSettings(max, overlap);
    }

    static String paragraph(Random random, int sentences, int maxWords) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < sentences; s++) {
            if (s > 0) {
                sb.append(random.nextInt(8) == 0 ? "\n" : " ");
            }
            sb.append(sentence(random, 1 + random.nextInt(maxWords), false));
        }
        return sb.toString();
    }

    static String sentence(Random random, int words, boolean unterminated) {
        StringBuilder sb = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                sb.append(random.nextInt(30) == 0 ? "  " : " ");
            }
            String word = WORDS[random.nextInt(WORDS.length)];
            sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        }
        if (!unterminated) {
            sb.append(".!?".charAt(random.nextInt(3)));
        }
        return sb.toString();
    }

    static String base64(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(BASE64.charAt(random.nextInt(BASE64.length())));
        }
        return sb.toString();
    }

    static String cjk(Random random, int length, boolean withStops) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            if (withStops && random.nextInt(25) == 0) {
                sb.append('。');
            } else if (random.nextInt(40) == 0) {
                sb.appendCodePoint(0x1F600 + random.nextInt(50));
            } else {
                sb.append((char) (0x4E00 + random.nextInt(0x5000)));
            }
        }
        return sb.toString();
    }

    /** Text at the edges: lone emoji runs, control and zero-width characters, padding inside the block. */
    static String odd(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "😀".repeat(1 + random.nextInt(random.nextBoolean() ? 100 : 1200));
            case 1 -> "\u0000\u0001 \u200b\u200b x \u0007";
            case 2 -> "  padded block with spaces inside  ";
            case 3 -> "a" + "\u0301".repeat(1 + random.nextInt(50)) + " b";
            case 4 -> "word".repeat(1 + random.nextInt(800));
            default -> "x";
        };
    }
}
