package dev.sluice.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.sluice.chunk.TokenCounter;
import dev.sluice.core.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The model's own HuggingFace tokenizer (from the model artifact), with truncation and padding
 * switched off so that counts are exact: a chunk sized with this counter is never silently cut by
 * the model. Thread-safe (the native tokenizer is immutable once built).
 */
public final class ModelTokenizer implements TokenCounter, AutoCloseable {
    private static final Map<String, String> OPTIONS =
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true");
    private final HuggingFaceTokenizer tokenizer;

    private ModelTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads {@code spec}'s tokenizer: its file, else the one shipped on the class path. */
    public static ModelTokenizer load(EmbeddingModelSpec spec) {
        if (spec.files() != null) {
            try {
                return new ModelTokenizer(
                        HuggingFaceTokenizer.newInstance(spec.files().tokenizer(), OPTIONS));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(spec.files().tokenizer()
                        + " is not a HuggingFace tokenizer.json (the file the model was trained with): "
                        + e.getMessage());
            }
        }
        try (InputStream in = EmbeddingModelSpec.class.getResourceAsStream(spec.tokenizerResource())) {
            if (in == null) {
                throw new SluiceException(spec.notOnClassPathMessage());
            }
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in, OPTIONS);
            return new ModelTokenizer(tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + spec.tokenizerResource(), e);
        }
    }

    /** Encodes with [CLS] and [SEP], untruncated. */
    Encoding encodeForModel(String text) {
        return tokenizer.encode(text, true, false);
    }

    @Override
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public int[] tokenEndOffsets(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        CharSpan[] spans = tokenizer.encode(text, false, false).getCharTokenSpans();
        // The native tokenizer counts Unicode code points; Java strings count UTF-16 units. Map once.
        int[] charIndexOfCodePoint = null;
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints != text.length()) {
            charIndexOfCodePoint = new int[codePoints + 1];
            for (int cp = 0, i = 0; cp < codePoints; cp++) {
                charIndexOfCodePoint[cp] = i;
                i += Character.charCount(text.codePointAt(i));
            }
            charIndexOfCodePoint[codePoints] = text.length();
        }
        int[] ends = new int[spans.length];
        for (int i = 0; i < spans.length; i++) {
            int end = spans[i] == null ? (i == 0 ? 0 : ends[i - 1]) : spans[i].getEnd();
            ends[i] = charIndexOfCodePoint == null ? end : charIndexOfCodePoint[Math.min(end, codePoints)];
        }
        return ends;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
