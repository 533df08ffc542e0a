package dev.sluice.llm;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One embeddings call through an {@link LlmGateway}: the chat call's discipline applied to {@code POST
 * /embeddings}. Budget reservation (input estimated at one token per 3 characters, no output), the
 * gateway's circuit breaker, each attempt through its rate limiter, retries with backoff honouring
 * Retry-After on 429, 5xx, time-outs and resets, then one ledger row with the provider's token count
 * and its exact cost. No response cache: the caller caches vectors by content hash.
 */
final class GatewayEmbeddings {
    private final LlmGateway gateway;

    GatewayEmbeddings(LlmGateway gateway) {
        this.gateway = gateway;
    }

    List<float[]> embed(
            String purpose,
            URI endpoint,
            String model,
            List<String> texts,
            int requestDimensions,
            int expectDimensions) {
        LlmSettings settings = gateway.settings();
        String keyId = settings.apiKeyEnv() != null ? settings.apiKeyEnv() : "none";
        long atMillis = gateway.clock.millis();
        long startNanos = System.nanoTime();
        long estimate = 0;
        for (String t : texts) {
            estimate += 1 + t.length() / 3;
        }
        PriceTable.Price price = gateway.prices.price(model);
        Budget.Reservation reservation;
        try {
            reservation = gateway.budget.reserve(keyId, price.costPicoUsd(estimate, 0), gateway.longestCallMillis());
        } catch (BudgetExceededException e) {
            gateway.ledger(
                    atMillis, purpose, null, keyId, model, 0, 0, 0, 0, LlmOutcome.BUDGET_EXCEEDED, 0, e.getMessage());
            throw e;
        }
        int attempts = 0;
        try {
            gateway.breaker.acquire(settings.baseUrl().toString());
            String apiKey = gateway.apiKey();
            ProtocolFailure last = null;
            OpenAiProtocolClient.Embeddings done = null;
            for (int attempt = 0; done == null; attempt++) {
                gateway.limiter.acquire(estimate);
                attempts++;
                try {
                    done = gateway.client.embed(
                            endpoint,
                            model,
                            texts,
                            requestDimensions,
                            expectDimensions,
                            apiKey,
                            settings.timeoutMillis());
                } catch (ProtocolFailure.Thrown thrown) {
                    last = thrown.failure();
                    long wait = gateway.waitBeforeRetry(last, attempt);
                    if (wait < 0) {
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(wait);
                }
            }
            long latency = (System.nanoTime() - startNanos) / 1_000_000;
            if (done == null) {
                throw gateway.failed(last, attempts);
            }
            long in = done.usageReported() ? done.inputTokens() : estimate;
            gateway.limiter.correct(in - estimate);
            gateway.breaker.succeeded();
            gateway.ledger(
                    atMillis,
                    purpose,
                    null,
                    keyId,
                    model,
                    in,
                    0,
                    price.costPicoUsd(in, 0),
                    latency,
                    LlmOutcome.OK,
                    attempts,
                    done.usageReported() ? null : "the server reported no usage: tokens estimated");
            return done.vectors();
        } catch (CircuitOpenException e) {
            gateway.ledger(
                    atMillis, purpose, null, keyId, model, 0, 0, 0, 0, LlmOutcome.CIRCUIT_OPEN, 0, e.getMessage());
            throw e;
        } catch (LlmException e) {
            gateway.ledger(
                    atMillis,
                    purpose,
                    null,
                    keyId,
                    model,
                    0,
                    0,
                    0,
                    elapsed(startNanos),
                    e.outcome(),
                    attempts,
                    e.getMessage());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gateway.breaker.neutral();
            gateway.ledger(
                    atMillis,
                    purpose,
                    null,
                    keyId,
                    model,
                    0,
                    0,
                    0,
                    elapsed(startNanos),
                    LlmOutcome.FAILED,
                    attempts,
                    "interrupted");
            throw new LlmException(LlmOutcome.FAILED, "interrupted while calling " + endpoint);
        } finally {
            gateway.budget.settle(reservation);
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
