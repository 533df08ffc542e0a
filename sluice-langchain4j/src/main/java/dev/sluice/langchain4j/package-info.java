/**
 * Sluice for LangChain4j 1.x: {@link dev.sluice.langchain4j.SluiceContentRetriever}, a {@code
 * ContentRetriever} for {@code DefaultRetrievalAugmentor} or {@code AiServices.contentRetriever}, over an
 * embedded index folder or a remote {@code sluice serve}.
 *
 * <p>Flow: LangChain4j hands the (possibly transformed) query to the retriever; the retriever asks Sluice
 * ({@code HitSource}: {@code SluiceClient} over HTTP, or {@code EmbeddedHits} of sluice-embedded in this process) for the
 * k best chunks with the configured mode and filters, drops those under {@code minScore}, and returns one
 * {@code Content} per chunk: a {@code TextSegment} with the chunk text and metadata (document id, chunk
 * id, source, path, title, section, page, citation, rank, score) and the score again as {@code
 * ContentMetadata.SCORE}, best first. Add {@code citation} to {@code DefaultContentInjector}'s
 * {@code metadataKeysToInclude} so the model sees where each passage comes from.
 *
 * <p>Invariants: the class path holds LangChain4j 1.x only. sluice-core reads its embedding models from
 * LangChain4j 0.36 jars but excludes all of their dependencies, so no 0.36 code reaches an application
 * ({@code mvn dependency:tree -pl sluice-langchain4j} lists langchain4j-core 1.19.0 alone). sluice-embedded
 * (which brings sluice-core) is optional: embedded mode needs it added, remote mode stays free of Lucene, ONNX Runtime and SQLite (a
 * missing sluice-embedded is a clear error when {@code index(Path)} is used, not a {@code
 * NoClassDefFoundError}).
 *
 * <p>Traps: metadata values are never null (LangChain4j refuses them), so {@code page} and {@code section}
 * are absent when the chunk has none. Scores are the mode's: a {@code minScore} tuned for dense (cosine)
 * drops everything in hybrid mode (fused scores are below 0.04). Embedded searches run with the index
 * owner's rights; in remote mode the key's access list applies inside the service's search.
 */
package dev.sluice.langchain4j;
