package dev.sluice.bench;

import dev.sluice.core.SluiceException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Chunk-size texts of real English for {@code bench dedup}, made on demand so that a million of them
 * never sit in memory at once: first the corpus's documents (title and text) cut into windows of
 * {@value #CHUNK_WORDS} words, about 300 tokens of bge's WordPiece; past those, chunk {@code i} is
 * sentences of the corpus (titles included) drawn at random (seeded by {@code i}) until it has that many words: real
 * sentences, distinct chunks. {@link #edited} makes a near-duplicate of a chunk.
 */
final class DedupChunks {
    static final int CHUNK_WORDS = 225;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=\\p{Lu})");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private final List<String> windows = new ArrayList<>();
    private final String[] sentences;
    private final long seed;

    DedupChunks(List<BeirCorpus.Doc> corpus, long seed) {
        this.seed = seed;
        List<String> allSentences = new ArrayList<>();
        for (BeirCorpus.Doc doc : corpus) {
            String text = (doc.title() + " " + doc.text()).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] words = SPACE.split(text);
            for (int start = 0; start < words.length; start += CHUNK_WORDS) {
                int end = Math.min(words.length, start + CHUNK_WORDS);
                if (end - start >= 50 || start == 0) {
                    windows.add(String.join(" ", Arrays.copyOfRange(words, start, end)));
                }
            }
            for (String sentence : SENTENCE_END.split(text)) {
                if (!sentence.isBlank()) {
                    allSentences.add(sentence.strip());
                }
            }
        }
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no text to make chunks of");
        }
        this.sentences = allSentences.toArray(String[]::new);
    }

    static DedupChunks fromCorpus(Path corpusFile, long seed) {
        List<BeirCorpus.Doc> corpus = BeirCorpus.readCorpus(corpusFile, Integer.MAX_VALUE);
        if (corpus.stream().allMatch(doc -> (doc.title() + doc.text()).isBlank())) {
            throw new SluiceException(corpusFile + ": no document with text; pass a BEIR corpus whose lines have"
                    + " \"title\" or \"text\"");
        }
        return new DedupChunks(corpus, seed);
    }

    /** Chunks that are windows of the corpus's documents; later ones are drawn sentences. */
    int windows() {
        return windows.size();
    }

    int sentences() {
        return sentences.length;
    }

    /** Chunk {@code i}: the same text for the same index and seed. */
    String chunk(long i) {
        if (i < windows.size()) {
            return windows.get((int) i);
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        StringBuilder text = new StringBuilder(CHUNK_WORDS * 7);
        int words = 0;
        while (words < CHUNK_WORDS) {
            String sentence = sentences[random.nextInt(sentences.length)];
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(sentence);
            words += SPACE.split(sentence).length;
        }
        return text.toString();
    }

    /**
     * A near-duplicate of chunk {@code i}, as a re-ingested copy would be: a header line before it and
     * two of its words replaced (an estimated similarity near 0.87 for a 225-word chunk).
     */
    String edited(long i, SplittableRandom random) {
        String[] words = SPACE.split(chunk(i));
        for (int k = 0; k < 2; k++) {
            words[random.nextInt(words.length)] = "revised";
        }
        return "Copy " + random.nextInt(1000) + " of the knowledge base\n" + String.join(" ", words);
    }
}
