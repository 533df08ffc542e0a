/**
 * A light client of the Sluice HTTP service, for applications that search a knowledge base served by
 * {@code sluice serve} elsewhere: the JDK's {@code java.net.http} and Jackson only, so nothing of Lucene,
 * ONNX Runtime, Tika or SQLite reaches the application's class path ({@code mvn dependency:tree -pl
 * sluice-client} shows Jackson alone at compile and runtime scope).
 *
 * <p>Roles: {@link dev.sluice.client.SluiceClient} calls the service; {@link dev.sluice.client.SearchQuery}
 * and {@link dev.sluice.client.Filters} are what {@code /v1/search} takes, one field per query parameter;
 * {@link dev.sluice.client.Hit} and {@link dev.sluice.client.Answer} are what comes back.
 * {@link dev.sluice.client.HitSource} is the seam the LangChain4j and Spring AI adapters search through,
 * implemented here over HTTP and in sluice-embedded over a {@code KnowledgeBase} in the same process
 * ({@link dev.sluice.client.LocalHitSource}, found through {@link java.util.ServiceLoader} so this module
 * never sees sluice-core); {@link dev.sluice.client.RetrieverBuilder} is the adapters' one builder of
 * where and how to search, and {@link dev.sluice.client.HitMetadata} the one metadata map their
 * segments and documents carry. Both sources fill a
 * {@code Hit} the same way (document id = the document's URI; fields the service adds later land in
 * {@link dev.sluice.client.Hit#metadata()}, so an older client keeps working against a newer service).
 *
 * <pre>{@code
 * try (SluiceClient sluice = SluiceClient.builder()
 *         .baseUrl("http://127.0.0.1:7878")
 *         .apiKey(System.getenv("SLUICE_API_KEY"))
 *         .build()) {
 *     SearchResults r = sluice.search(SearchQuery.of("parental leave").withMode(Mode.HYBRID).withK(3)
 *             .withFilters(Filters.NONE.withSources("hr")));
 *     Answer a = sluice.ask("How long is parental leave?", 5);
 * }
 * }</pre>
 *
 * <p>Failures: every refusal the service answers arrives as {@link dev.sluice.client.SluiceApiException}
 * with the service's stable {@code code} and its {@code message}, a subclass for each one a caller treats
 * differently (401 wrong key, 403 missing scope, 429 with Retry-After, 5xx). Anything else (connection
 * refused, timeout, a proxy's HTML page) is a {@link dev.sluice.client.SluiceClientException} naming the
 * URL. The API key never appears in a message.
 *
 * <p>Traps: scores mean different things per mode (BM25 unbounded, dense cosine, hybrid a small fused
 * rank score), so a minimum score only makes sense for one mode. The key is the caller's: the service
 * applies that key's access list inside the index query, so two keys can get different hits for one
 * query. The client never retries: a 429 says how long to wait, and the caller decides.
 */
package dev.sluice.client;
