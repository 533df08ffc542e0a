package dev.sluice.ingest;

import dev.sluice.embed.Embedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Gathers chunks to embed, from any number of documents, into batches of the model's {@link
 * Embedder#batchSize()} (an endpoint: one request per batch), and hands each full batch to the
 * embedding pool; {@link #flush} sends the last, partial one once every document is prepared. Each
 * document gets its vectors back through {@link DocumentJob#embedded}, which writes it when its last
 * chunk arrives. Thread-safe: extraction threads add concurrently.
 */
final class EmbedBatcher {
    private record Pending(DocumentJob job, int ordinal) {}

    private final Embedder embedder;
    private final int size;
    private final ExecutorService pool;
    private final RunAccount account;
    private final java.util.concurrent.atomic.AtomicReference<Throwable> fatal;
    private List<Pending> pending = new ArrayList<>();

    EmbedBatcher(
            Embedder embedder,
            int size,
            ExecutorService pool,
            RunAccount account,
            java.util.concurrent.atomic.AtomicReference<Throwable> fatal) {
        this.fatal = fatal;
        this.embedder = embedder;
        this.size = size;
        this.pool = pool;
        this.account = account;
    }

    void add(DocumentJob job, int ordinal) {
        List<Pending> full = null;
        synchronized (this) {
            pending.add(new Pending(job, ordinal));
            if (pending.size() >= size) {
                full = pending;
                pending = new ArrayList<>();
            }
        }
        if (full != null) {
            List<Pending> batch = full;
            pool.execute(() -> send(batch));
        }
    }

    void flush() {
        List<Pending> rest;
        synchronized (this) {
            rest = pending;
            pending = new ArrayList<>();
        }
        if (!rest.isEmpty()) {
            pool.execute(() -> send(rest));
        }
    }

    private void send(List<Pending> batch) {
        List<String> texts = batch.stream().map(p -> p.job().input(p.ordinal())).toList();
        List<float[]> vectors = null;
        RuntimeException error = null;
        try {
            if (fatal.get() == null) { // a stopping run sends nothing more (a spent budget: no call refused in vain)
                vectors = account.timedInfallible(Stage.EMBED, () -> embedder.embedPassages(texts));
            }
        } catch (RuntimeException e) {
            error = e;
        }
        // Back to each document, its chunks together, in the batch's order.
        Map<DocumentJob, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            positions
                    .computeIfAbsent(batch.get(i).job(), j -> new ArrayList<>())
                    .add(i);
        }
        for (Map.Entry<DocumentJob, List<Integer>> e : positions.entrySet()) {
            List<Integer> ordinals =
                    e.getValue().stream().map(i -> batch.get(i).ordinal()).toList();
            List<float[]> got = null;
            if (vectors != null) {
                List<float[]> all = vectors;
                got = e.getValue().stream().map(all::get).toList();
            }
            e.getKey().embedded(ordinals, got, error);
        }
    }
}
