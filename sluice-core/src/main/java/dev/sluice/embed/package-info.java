/**
 * Embedding: chunk text to unit-length vectors with a local ONNX model shipped inside a Maven
 * artifact (no download at run time).
 *
 * <p>Roles: {@link dev.sluice.embed.EmbeddingModelSpec} names a shipped model (file, tokenizer,
 * dimensions, sequence limit, pooling, query prefix); {@link dev.sluice.embed.ModelTokenizer} counts
 * tokens exactly as the model does; {@link dev.sluice.embed.OnnxEmbedder} runs the model.
 *
 * <pre>{@code
 * try (OnnxEmbedder embedder = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1)) {
 *   float[] v = embedder.embedPassage("Lucene is a search library.");
 * }
 * }</pre>
 *
 * <p>Traps: a model silently truncates input past its sequence limit, so {@code embedPassage}
 * refuses such text and chunkers size chunks with {@link dev.sluice.embed.Embedder#tokenCounter()}.
 * bge wants an instruction before queries but not before passages. A model whose artifact is not on the
 * class path (the full-precision bge, which only the bench build carries) fails with a
 * {@link dev.sluice.core.SluiceException} naming the artifact, and the configuration refuses it at start-up. The MiniLM artifact's tokenizer
 * file stops at 128 tokens; Sluice switches truncation off and sizes MiniLM chunks at 126 tokens.
 */
package dev.sluice.embed;
