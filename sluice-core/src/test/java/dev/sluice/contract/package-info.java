/**
 * Contract suites of the seams, in the manner of LangChain4j's: abstract JUnit classes that every
 * implementation of a seam must pass. An implementation's test extends the suite and says how to open
 * a fresh store in a folder, and how to open it again (to check durability). The embedded SQLite
 * implementations run them in {@code SqliteCatalogContractTest}; a later PostgreSQL catalog adds
 * {@code sluice-core}'s test-jar as a test dependency and runs the same suites. Seams that are not
 * stores have suites here too: {@code RerankerContract}, which the model reranker runs against a scripted
 * model server and a later cross-encoder runs against its model. The index seam has two:
 * {@code ChunkIndexContract} (the write side: atomic replacement for readers, visibility after commit,
 * discarding, listings, generations) and {@code SearchIndexContract} (the read side: BM25, dense and hybrid
 * ranks with the real ONNX model, filters and access tokens inside the query, neighbours, a document's
 * chunks, document match), both over an {@link dev.sluice.backend.IndexBackend} that
 * {@code IndexBackendFixture#newBackend} gives fresh per test; {@code LuceneIndexContractTest} binds them to
 * Lucene, {@code sluice-opensearch}'s {@code OpenSearchContractEngineIT} to OpenSearch.
 */
package dev.sluice.contract;
