package dev.sluice.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.llm.BudgetExceededException;
import dev.sluice.llm.ChatRequest;
import dev.sluice.llm.ChatResult;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.llm.LlmException;
import dev.sluice.llm.LlmGateway;
import dev.sluice.llm.LlmOutcome;
import dev.sluice.llm.PriceTable;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One item through the discipline: the store first (the cheap model's output, then the strong one's),
 * then the cheap model (with the gateway's one repair), then the strong model, each call only if the
 * run's budget takes its worst case. Every model answer, valid or invalid, is saved before the next
 * step, so a run stopped anywhere never pays for it twice; a provider failure is not saved (the next
 * run tries again). Thread-safe.
 */
final class TransformCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the gateway's ledger listener books the calls of the item this thread works on. */
    private static final ThreadLocal<long[]> ITEM_COST = new ThreadLocal<>();

    private final LlmGateway gateway;
    private final TransformStore store;
    private final RunBudget budget;
    private final PriceTable prices;
    private final Clock clock;
    private final String runId;
    private final TransformBatches batches; // null: call the model (not batch mode)
    final AtomicLong calls = new AtomicLong();
    final AtomicLong hits = new AtomicLong();
    final AtomicLong valid = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong escalations = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong pending = new AtomicLong();
    final AtomicLong inputTokens = new AtomicLong();
    final AtomicLong outputTokens = new AtomicLong();
    final AtomicLong costPicoUsd = new AtomicLong();

    TransformCalls(
            LlmGateway gateway,
            TransformStore store,
            RunBudget budget,
            PriceTable prices,
            Clock clock,
            String runId,
            TransformBatches batches) {
        this.batches = batches;
        this.gateway = gateway;
        this.store = store;
        this.budget = budget;
        this.prices = prices;
        this.clock = clock;
        this.runId = runId;
        gateway.onCall(this::booked);
    }

    /** The gateway's ledger rows, on the calling thread: tokens and cost of this run and of the current item. */
    private void booked(LlmCallRecord call) {
        if (call.attempts() > 0) {
            calls.incrementAndGet();
        }
        inputTokens.addAndGet(call.inputTokens());
        outputTokens.addAndGet(call.outputTokens());
        costPicoUsd.addAndGet(call.costPicoUsd());
        long[] item = ITEM_COST.get();
        if (item != null) {
            item[0] += call.inputTokens();
            item[1] += call.outputTokens();
            item[2] += call.costPicoUsd();
        }
    }

    /**
     * Items of one key (the same text in two chunks, or two documents) go one at a time, so the second
     * finds the first's output in the store instead of paying for it again. Striped: bounded memory.
     */
    private final Object[] keyLocks = new Object[256];

    {
        java.util.Arrays.setAll(keyLocks, i -> new Object());
    }

    ItemResult run(TransformItem item) {
        Object lock = keyLocks[Math.floorMod((item.step().name() + item.inputHash()).hashCode(), keyLocks.length)];
        synchronized (lock) {
            return runAlone(item);
        }
    }

    private ItemResult runAlone(TransformItem item) {
        TransformStep step = item.step();
        ItemResult result = run(item, step.model(), false);
        if (result != null) {
            return count(result);
        }
        // The cheap model's output is invalid (stored): escalate once, if a strong model is configured.
        String reason = store.output(step.name(), step.version(), step.model(), item.inputHash())
                .map(TransformOutput::error)
                .orElse("invalid output");
        if (step.escalateTo() == null) {
            return count(invalid(item, reason, false));
        }
        ItemResult strong = run(item, step.escalateTo(), true);
        if (strong != null) {
            return count(strong);
        }
        String strongReason = store.output(step.name(), step.version(), step.escalateTo(), item.inputHash())
                .map(TransformOutput::error)
                .orElse("invalid output");
        return count(invalid(item, strongReason, true));
    }

    /** The item on one model: a result, or null when that model's output is invalid (and stored). */
    private ItemResult run(TransformItem item, String model, boolean escalation) {
        TransformStep step = item.step();
        Optional<TransformOutput> stored = store.output(step.name(), step.version(), model, item.inputHash());
        if (stored.isPresent()) {
            if (!stored.get().valid()) {
                return null;
            }
            JsonNode value = parse(stored.get().outputJson());
            if (value != null) {
                hits.incrementAndGet();
                return ItemResult.valid(item, value);
            }
            // An unreadable stored row (edited by hand) is treated as absent: the model is asked again.
        }
        if (batches != null && !escalation) {
            return batched(item);
        }
        PriceTable.Price price = prices.price(model);
        long in = item.estimate().inputTokens();
        long out = item.estimate().outputTokens();
        // The call and its one repair (which resends the conversation with the reply and the errors).
        long worst = price.costPicoUsd(in, out) + price.costPicoUsd(in + out + 100, out);
        if (!budget.tryReserve(worst)) {
            store.markPending(step.name(), step.version(), item.inputHash(), item.item(), runId);
            return ItemResult.pending(item);
        }
        if (escalation) {
            escalations.incrementAndGet();
        }
        long[] cost = new long[3];
        ITEM_COST.set(cost);
        try {
            ChatResult reply = gateway.chat(new ChatRequest(
                    model,
                    item.messages(),
                    0.0,
                    step.maxOutputTokens(),
                    step.schema(),
                    step.purpose(),
                    step.version(),
                    Transforms.LEDGER_KEY));
            JsonNode value = parse(stripFences(reply.text()));
            save(
                    item,
                    model,
                    value != null,
                    value == null ? null : value.toString(),
                    value == null ? "the reply is not JSON" : null,
                    cost);
            return value == null ? null : ItemResult.valid(item, value);
        } catch (BudgetExceededException e) {
            budget.stop("the llm budget: " + e.getMessage());
            store.markPending(step.name(), step.version(), item.inputHash(), item.item(), runId);
            return ItemResult.pending(item);
        } catch (LlmException e) {
            if (e.outcome() == LlmOutcome.INVALID_OUTPUT) {
                save(item, model, false, null, e.getMessage(), cost);
                return null;
            }
            return ItemResult.failed(
                    item,
                    ItemResult.State.FAILED,
                    "the model " + model + " failed: " + e.getMessage(),
                    "check the llm section (baseUrl, apiKeyEnv) and the provider's status; the next run tries"
                            + " this item again");
        } finally {
            ITEM_COST.remove();
            budget.settle(worst, cost[2]);
        }
    }

    /**
     * Batch mode: the item joins this run's batch (unless a batch already holds it) and is pending until a
     * later run collects it. The budget counts its half-price worst case as spent now.
     */
    private ItemResult batched(TransformItem item) {
        TransformStep step = item.step();
        if (!store.inOpenBatch(step.name(), step.version(), step.model(), item.inputHash())) {
            long worst = batches.worstPicoUsd(item);
            if (!budget.tryReserve(worst)) {
                store.markPending(step.name(), step.version(), item.inputHash(), item.item(), runId);
                return ItemResult.pending(item);
            }
            budget.settle(worst, worst);
            batches.queue(item);
        }
        store.markPending(step.name(), step.version(), item.inputHash(), item.item(), runId);
        return ItemResult.pending(item);
    }

    private void save(TransformItem item, String model, boolean ok, String json, String error, long[] cost) {
        TransformStep step = item.step();
        store.save(new TransformOutput(
                step.name(),
                step.version(),
                model,
                item.inputHash(),
                item.item(),
                ok,
                json,
                error,
                cost[0],
                cost[1],
                cost[2],
                clock.millis(),
                runId));
    }

    private static ItemResult invalid(TransformItem item, String reason, boolean escalated) {
        TransformStep step = item.step();
        String fix = "the item is indexed without " + step.name() + "; make the prompt clearer ("
                + step.prompt().origin() + ") and give it a new version"
                + (escalated ? "" : ", or set escalateTo (or llm.strongModel) to a stronger model");
        String models = escalated ? step.model() + ", then " + step.escalateTo() : step.model();
        return ItemResult.failed(
                item,
                ItemResult.State.INVALID,
                "the output of " + models + " broke the schema even after one repair: " + reason,
                fix);
    }

    private ItemResult count(ItemResult r) {
        switch (r.state()) {
            case VALID -> valid.incrementAndGet();
            case INVALID -> invalid.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
            case PENDING -> pending.incrementAndGet();
        }
        return r;
    }

    String stoppedBecause() {
        return budget.stoppedBecause();
    }

    TransformRunSummary summary() {
        long batchCost = batches == null ? 0 : batches.collectedPicoUsd.get();
        return new TransformRunSummary(
                calls.get(),
                hits.get(),
                valid.get(),
                invalid.get(),
                escalations.get(),
                failed.get(),
                pending.get(),
                inputTokens.get(),
                outputTokens.get(),
                costPicoUsd.get() + batchCost,
                batches == null ? 0 : batches.submitted.get(),
                batches == null ? 0 : batches.collected.get());
    }

    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Some local models wrap JSON in a Markdown code fence even when asked not to (the gateway accepts it). */
    private static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```") && t.endsWith("```") && t.length() >= 6) {
            int newline = t.indexOf('\n');
            return newline < 0 ? t : t.substring(newline + 1, t.length() - 3);
        }
        return t;
    }
}
