/**
 * Embedding: chunk text to unit-length vectors, with a local ONNX model (shipped inside a Maven
 * artifact, nothing downloaded at run time, or from files the user names) or an OpenAI-compatible
 * endpoint.
 *
 * <p>Roles: {@link dev.sluice.embed.EmbeddingModelSpec} describes a model (id and version recorded on
 * every vector, dimensions, sequence limit, pooling, prefixes), one of three kinds: shipped (the
 * constants), from files ({@link dev.sluice.embed.ModelFiles}: the ONNX graph and tokenizer with their
 * SHA-256, and the check that the graph is an encoder) or an endpoint ({@link
 * dev.sluice.embed.EmbeddingEndpoint}, plain data: {@code dev.sluice.llm.EndpointEmbedder} calls it
 * through the gateway, a later stage). {@link dev.sluice.embed.ModelTokenizer} counts tokens exactly as
 * the model does; {@link dev.sluice.embed.OnnxEmbedder} runs a shipped or file model;
 * {@link dev.sluice.embed.QueryVectorCache} remembers query vectors.
 *
 * <pre>{@code
 * try (OnnxEmbedder embedder = OnnxEmbedder.load(EmbeddingModelSpec.BGE_SMALL_EN_V15_Q, 1)) {
 *   float[] v = embedder.embedPassage("Lucene is a search library.");
 * }
 * }</pre>
 *
 * <p>Identity: two specs with the same id and version must give the same vectors. A model from files
 * hashes both files and every setting that changes a vector into its version, so replacing the file
 * under the same path is a new model (a new index generation), never a silent mix. An index names its
 * model only by id and version: {@link dev.sluice.embed.EmbeddingModelSpec#forIndex} finds it among the
 * shipped ones and the configured one, and refuses (naming both versions and dimensions) a configured
 * model that took the index's id with other files.
 *
 * <p>Traps: a model silently truncates input past its sequence limit, so {@code embedPassage}
 * refuses such text and chunkers size chunks with {@link dev.sluice.embed.Embedder#tokenCounter()}
 * (a {@code documentPrefix} counts against the limit). bge wants an instruction before queries but not
 * before passages. A model whose artifact is not on the class path (the full-precision bge, which only
 * the bench build carries) fails with a {@link dev.sluice.core.SluiceException} naming the artifact, and
 * the configuration refuses it at start-up. The MiniLM artifact's tokenizer file stops at 128 tokens;
 * Sluice switches truncation off and sizes MiniLM chunks at 126 tokens. A model from files is opened
 * once when the configuration is read (to check the graph and learn its dimensions) and again to
 * embed. An endpoint's chunks are counted with bge's tokenizer, an estimate of its own.
 */
package dev.sluice.embed;
