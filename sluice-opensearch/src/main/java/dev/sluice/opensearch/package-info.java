/**
 * {@code index.backend: opensearch}: the chunk index in a shared OpenSearch 3.x cluster with the k-NN
 * plugin, behind the same seams as the embedded Lucene folder ({@link dev.sluice.backend.IndexBackend},
 * {@link dev.sluice.index.ChunkIndex}, {@link dev.sluice.backend.SearchIndex},
 * {@link dev.sluice.retrieve.IndexRetriever}); found by {@code ServiceLoader} through
 * {@link dev.sluice.opensearch.OpenSearchBackendProvider}.
 *
 * <p>Roles: {@link dev.sluice.opensearch.OpenSearchBackend} owns the generations and the alias;
 * {@code OpenSearchIndex} writes one generation; {@code OpenSearchSearchIndex} and
 * {@code OpenSearchRetriever} read one; {@code OpenSearchMapping} says what an index and a chunk look like;
 * {@code OpenSearchHttp} speaks REST with the JDK's HttpClient and Jackson (no client library: the REST
 * calls are few, the JSON is ours to shape, and the module adds nothing to a class path).
 *
 * <p>Flow: ingestion's writer buffers documents and, at commit, sends them in bulks of whole documents, then
 * refreshes; the index's {@code refresh_interval} is {@code -1}, so nothing else makes writes visible. Spark
 * executors {@code flush} their writers (send, no refresh) and the driver's writer {@code adoptSent}s their
 * documents, so one commit publishes and one discard deletes the writes of every executor. A new
 * model or language builds {@code <prefix>-g<N+1>} beside the active one; activation moves the alias
 * {@code <prefix>} in one {@code _aliases} call and deletes the old generation. Searches read the concrete
 * index they opened and reopen when it is superseded.
 *
 * <p>Invariants: readers see a document's old chunks or its new ones, never a mix, and never a failed run's
 * (within the write buffer; see {@code OpenSearchIndex}); access tokens and filters are {@code filter}
 * clauses inside every query, in the knn query's own {@code filter} for dense search, so a filtered top-k is
 * full; hybrid search fuses in Java with the same {@link dev.sluice.retrieve.RrfFusion} as Lucene.
 *
 * <p>Traps: a {@code knn_vector} must name {@code "engine": "lucene"} (the default faiss engine needs native
 * libraries the plugin zip lacks and crashes the node); a search index must never send {@code _refresh} (it
 * would publish a writer's uncommitted documents); BM25's k1 and b cannot change per search.
 */
package dev.sluice.opensearch;
