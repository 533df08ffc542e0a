package dev.sluice.client;

/**
 * Where the framework adapters get their hits: {@link SluiceClient} over HTTP, or a knowledge base
 * opened in the same process (the adapters' embedded mode). The contract both keep: hits best first, at
 * most {@code query.k()}, every filter applied inside the search (never after the top k), {@link Hit}
 * fields filled the same way. Implementations are thread-safe.
 */
public interface HitSource {
    /**
     * The hits of one search. Over HTTP a failure is a {@link SluiceClientException} (a refusal, a {@link
     * SluiceApiException}); embedded, the knowledge base's own exception (an index that cannot be read).
     */
    SearchResults search(SearchQuery query);
}
