package dev.sluice.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.embed.ModelTokenizer;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.testkit.Seeds;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Invariants over random documents, with the real bge tokenizer. The seed is printed; replay a
 * failure with {@code -Dsluice.test.seed=<seed>} (and {@code -Dsluice.test.documents=<n>}).
 */
class HeadingAwareChunkerPropertyTest {
    private static ModelTokenizer tokenizer;
    private static long seed;

    @BeforeAll
    static void load() {
        tokenizer = ModelTokenizer.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q);
        seed = Seeds.seed("HeadingAwareChunkerPropertyTest");
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /**
     * The real tokenizer's answers, remembered for one document: the checks and the second chunking
     * ask again for texts the chunker has already counted. A counter is a pure function, so this
     * changes no answer, only the time.
     */
    private static final class RememberingCounter implements TokenCounter {
        private final TokenCounter real;
        private final Map<String, Integer> counts = new HashMap<>();
        private final Map<String, int[]> offsets = new HashMap<>();

        RememberingCounter(TokenCounter real) {
            this.real = real;
        }

        @Override
        public int count(String text) {
            return counts.computeIfAbsent(text, real::count);
        }

        @Override
        public int[] tokenEndOffsets(String text) {
            return offsets.computeIfAbsent(text, real::tokenEndOffsets).clone();
        }
    }

    private static int documents() {
        return Integer.getInteger("sluice.test.documents", 200);
    }

    @Test
    void should_keep_every_invariant_for_random_documents_and_settings() {
        Random random = new Random(seed);
        Set<String> allIds = new HashSet<>();
        int total = 0;
        for (int d = 0; d < documents(); d++) {
            long docSeed = random.nextLong();
            String context = "seed " + seed + ", document " + d + " (document seed " + docSeed + ")";
            Random docRandom = new Random(docSeed);
            ChunkerSettings settings = RandomDocuments.settings(docRandom);
            NormalizedDocument doc = RandomDocuments.next(docRandom, "file:///random/" + d + ".md");
            TokenCounter counter = new RememberingCounter(tokenizer); // real counts, each text tokenized once
            HeadingAwareChunker chunker = new HeadingAwareChunker(settings, counter);
            List<Chunk> chunks;
            try {
                chunks = chunker.chunk(doc);
            } catch (RuntimeException e) {
                throw new AssertionError(context + " " + settings + ": chunking failed", e);
            }
            ChunkInvariants.check(context + " " + settings, doc, chunks, settings, counter, chunker.version());
            assertThat(chunker.chunk(doc))
                    .as(context + ": same input, same chunks")
                    .isEqualTo(chunks);
            for (Chunk c : chunks) {
                assertThat(allIds.add(c.id()))
                        .as(context + ": id " + c.id() + " seen in another document")
                        .isTrue();
            }
            total += chunks.size();
        }
        System.out.println("HeadingAwareChunkerPropertyTest: " + documents() + " documents, " + total + " chunks");
    }

    @Test
    void should_change_the_id_of_every_chunk_whose_content_changes() {
        Random random = new Random(seed ^ 0x5EED);
        for (int d = 0; d < 20; d++) {
            ChunkerSettings settings = RandomDocuments.settings(random);
            NormalizedDocument doc = RandomDocuments.next(random, "file:///same-uri.md");
            int at = random.nextInt(doc.text().length());
            String changed = doc.text().substring(0, at)
                    + (doc.text().charAt(at) == 'Q' ? 'R' : 'Q')
                    + doc.text().substring(at + 1);
            NormalizedDocument edited = new NormalizedDocument(
                    doc.uri(), doc.title(), doc.mediaType(), changed, doc.spans(), doc.metadata());
            HeadingAwareChunker chunker = new HeadingAwareChunker(settings, tokenizer);
            List<Chunk> before = chunker.chunk(doc);
            List<Chunk> after = chunker.chunk(edited);
            Set<String> oldIds = new HashSet<>(before.stream().map(Chunk::id).toList());
            Set<String> oldTexts =
                    new HashSet<>(before.stream().map(Chunk::contentHash).toList());
            for (Chunk c : after) {
                if (!oldTexts.contains(c.contentHash())) {
                    assertThat(oldIds)
                            .as("seed " + seed + ", document " + d + ": changed chunk keeps an old id")
                            .doesNotContain(c.id());
                }
            }
        }
    }
}
