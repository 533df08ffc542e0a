package dev.sluice.transform;

import dev.sluice.llm.PriceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link TransformPlan} from documents offered one by one, without calling anything: each
 * document's items are built exactly as a run builds them ({@code TransformItem}), looked up in the
 * store as a run looks them up, and priced with the price table. Not thread-safe: one planner, one thread.
 */
public final class TransformPlanner {
    private final TransformSettings settings;
    private final TransformStore store; // null: nothing stored yet
    private final Map<String, long[]> rows = new LinkedHashMap<>();
    private long documents;
    private long unreadable;

    /** @param store the outputs stored so far, or null when there is no catalog yet */
    public TransformPlanner(TransformSettings settings, TransformStore store) {
        this.settings = settings;
        this.store = store;
        for (TransformStep step : settings.steps()) {
            rows.put(step.name() + "\u0000", new long[8]); // keeps step order before any source shows up
        }
    }

    /** Counts one document's items. */
    public void add(TransformInput input) {
        documents++;
        PriceTable prices = settings.prices();
        for (TransformItem item : TransformItem.of(settings.steps(), input)) {
            TransformStep step = item.step();
            long[] n = rows.computeIfAbsent(step.name() + "\u0000" + input.source(), k -> new long[8]);
            n[0]++;
            if (answered(item)) {
                n[1]++;
                continue;
            }
            long in = item.estimate().inputTokens();
            long out = step.kind().expectedOutputTokens(step);
            PriceTable.Price price = prices.price(step.model());
            n[2]++;
            n[3] += in;
            n[4] += out;
            n[5] += step.maxOutputTokens();
            int divisor = settings.batch() ? 2 : 1; // the batch API's half price
            n[6] += price.costPicoUsd(in, out) / divisor;
            n[7] += price.costPicoUsd(in, step.maxOutputTokens()) / divisor;
        }
    }

    /** Counts a document that could not be read. */
    public void unreadable() {
        unreadable++;
    }

    /** Whether a run would take this item from the store: as {@code TransformCalls} decides, without a call. */
    private boolean answered(TransformItem item) {
        if (store == null) {
            return false;
        }
        TransformStep step = item.step();
        Optional<TransformOutput> cheap = store.output(step.name(), step.version(), step.model(), item.inputHash());
        if (cheap.isEmpty()) {
            return false;
        }
        if (cheap.get().valid() || step.escalateTo() == null) {
            return true;
        }
        return store.output(step.name(), step.version(), step.escalateTo(), item.inputHash())
                .isPresent();
    }

    /**
     * The plan so far.
     *
     * @param spentTodayPicoUsd what transforms spent today, from the ledger
     */
    public TransformPlan plan(long spentTodayPicoUsd) {
        List<TransformPlan.Row> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : rows.entrySet()) {
            String[] key = e.getKey().split("\u0000", -1);
            if (key[1].isEmpty()) {
                continue; // the placeholder that keeps step order
            }
            TransformStep step = settings.step(key[0]);
            long[] n = e.getValue();
            out.add(new TransformPlan.Row(
                    step.name(), step.version(), step.model(), key[1], n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]));
        }
        return new TransformPlan(
                out, documents, unreadable, settings.perRunPicoUsd(), settings.dailyPicoUsd(), spentTodayPicoUsd);
    }
}
