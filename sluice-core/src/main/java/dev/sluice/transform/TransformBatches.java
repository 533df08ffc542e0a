package dev.sluice.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.JsonSchemaCheck;
import dev.sluice.llm.LedgerStore;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.OpenAiBatchClient;
import dev.sluice.llm.PriceTable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch mode ({@code transforms.batch: true}): a run queues the items its store cannot answer instead of
 * calling, and submits them as one batch when it closes; a later run collects finished batches into the
 * store before it starts, at half the price, each item's cost in its own ledger row. A batch's output is
 * validated like a reply; an invalid one is stored as the cheap model's invalid output, so the next run
 * escalates it (synchronously). A batch that failed or expired is given up and its items are queued again
 * by the next run. Never throws: a provider that fails leaves the items pending.
 */
final class TransformBatches {
    private static final Logger LOG = LoggerFactory.getLogger(TransformBatches.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiBatchClient client;
    private final TransformStore store;
    private final LedgerStore ledger;
    private final PriceTable prices;
    private final Clock clock;
    private final Map<String, TransformStep> steps = new HashMap<>();
    private final ConcurrentLinkedQueue<TransformItem> queue = new ConcurrentLinkedQueue<>();
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong collected = new AtomicLong();
    final AtomicLong collectedPicoUsd = new AtomicLong();

    TransformBatches(
            OpenAiBatchClient client,
            TransformStore store,
            LedgerStore ledger,
            PriceTable prices,
            Clock clock,
            List<TransformStep> configured) {
        this.client = client;
        this.store = store;
        this.ledger = ledger;
        this.prices = prices;
        this.clock = clock;
        configured.forEach(s -> steps.put(s.name() + "\u0000" + s.version(), s));
    }

    /** The half-price worst case of one batched request (no repair in a batch). */
    long worstPicoUsd(TransformItem item) {
        long full = prices.price(item.step().model())
                .costPicoUsd(item.estimate().inputTokens(), item.estimate().outputTokens());
        return (full + 1) / 2;
    }

    /** Whether the item waits in a batch already submitted; else queues it for this run's batch. */
    void queue(TransformItem item) {
        TransformStep s = item.step();
        if (!store.inOpenBatch(s.name(), s.version(), s.model(), item.inputHash())) {
            queue.add(item);
        }
    }

    /** Submits what this run queued as one batch (each key once). */
    void submit(String runId) {
        Map<String, TransformItem> unique = new java.util.LinkedHashMap<>();
        for (TransformItem item : queue) {
            unique.putIfAbsent(
                    item.step().name() + "\u0000" + item.step().version() + "\u0000" + item.inputHash(), item);
        }
        queue.clear();
        if (unique.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        List<TransformStore.BatchItem> items = new ArrayList<>();
        int n = 0;
        for (TransformItem item : unique.values()) {
            TransformStep s = item.step();
            String customId = "i" + n++;
            ChatRequest request = new ChatRequest(
                    s.model(),
                    item.messages(),
                    0.0,
                    s.maxOutputTokens(),
                    s.schema(),
                    s.purpose(),
                    s.version(),
                    Transforms.LEDGER_KEY);
            lines.add(client.line(customId, request, s.model(), s.maxOutputTokens()));
            items.add(new TransformStore.BatchItem(
                    null, customId, s.name(), s.version(), s.model(), item.inputHash(), item.item()));
        }
        try {
            OpenAiBatchClient.Batch batch = client.submit(lines);
            List<TransformStore.BatchItem> saved = items.stream()
                    .map(i -> new TransformStore.BatchItem(
                            batch.id(),
                            i.customId(),
                            i.transform(),
                            i.promptVersion(),
                            i.model(),
                            i.inputHash(),
                            i.item()))
                    .toList();
            store.saveBatch(new TransformStore.Batch(batch.id(), "open", clock.millis(), runId, saved.size()), saved);
            submitted.addAndGet(saved.size());
            LOG.info("transforms: submitted batch {} with {} requests", batch.id(), saved.size());
        } catch (LlmException e) {
            LOG.warn(
                    "transforms: the batch of {} requests could not be submitted ({}); the next run tries again",
                    items.size(),
                    e.getMessage());
        }
    }

    /** Collects every finished batch into the store; open ones are left for later. */
    void collect() {
        for (TransformStore.Batch open : store.openBatches()) {
            try {
                OpenAiBatchClient.Batch batch = client.batch(open.id());
                if (!batch.finished()) {
                    continue;
                }
                if (batch.status().equals("completed") && batch.outputFileId() != null) {
                    results(open, client.content(batch.outputFileId()));
                }
                store.closeBatch(open.id(), batch.status(), clock.millis());
            } catch (LlmException e) {
                LOG.warn(
                        "transforms: batch {} could not be read ({}); the next run tries again",
                        open.id(),
                        e.getMessage());
            }
        }
    }

    private void results(TransformStore.Batch batch, String output) {
        Map<String, TransformStore.BatchItem> byId = new HashMap<>();
        store.batchItems(batch.id()).forEach(i -> byId.put(i.customId(), i));
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode result;
            try {
                result = JSON.readTree(line);
            } catch (IOException e) {
                LOG.warn("transforms: batch {} has a line that is not JSON; skipped", batch.id());
                continue;
            }
            TransformStore.BatchItem item = byId.get(result.path("custom_id").asText());
            TransformStep step = item == null ? null : steps.get(item.transform() + "\u0000" + item.promptVersion());
            JsonNode body = result.path("response").path("body");
            if (step == null || result.path("response").path("status_code").asInt() != 200) {
                continue; // a step no longer configured, or a request the provider refused: queued again
            }
            long in = body.path("usage").path("prompt_tokens").asLong();
            long out = body.path("usage").path("completion_tokens").asLong();
            long cost = prices.price(item.model()).costPicoUsd(in, out) / 2; // the batch API's half price
            String text =
                    body.path("choices").path(0).path("message").path("content").asText("");
            JsonNode value = TransformCalls.parse(text.strip());
            List<String> errors =
                    value == null ? List.of("the reply is not JSON") : JsonSchemaCheck.errors(step.schema(), value);
            boolean valid = errors.isEmpty();
            String error = valid ? null : "batch output: " + String.join("; ", errors);
            long now = clock.millis();
            ledger.recordLlmCall(new LlmCallRecord(
                    0,
                    now,
                    step.purpose(),
                    item.model(),
                    step.version(),
                    Transforms.LEDGER_KEY,
                    in,
                    out,
                    cost,
                    0,
                    valid ? "ok" : "invalid_output",
                    1,
                    "batch " + batch.id() + (valid ? "" : ": " + error)));
            store.save(new TransformOutput(
                    item.transform(),
                    item.promptVersion(),
                    item.model(),
                    item.inputHash(),
                    item.item(),
                    valid,
                    value == null ? null : value.toString(),
                    error,
                    in,
                    out,
                    cost,
                    now,
                    batch.runId()));
            collected.incrementAndGet();
            collectedPicoUsd.addAndGet(cost);
        }
    }

    void close() {
        client.close();
    }
}
