package dev.sluice.ingest;

import dev.sluice.chunk.Chunk;
import dev.sluice.llm.LedgerStore;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.source.SourceItem;
import dev.sluice.transform.Enrichment;
import dev.sluice.transform.TransformInput;
import dev.sluice.transform.TransformRunSummary;
import dev.sluice.transform.TransformSettings;
import dev.sluice.transform.TransformStore;
import dev.sluice.transform.Transforms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LLM transforms of one ingestion run: enriches each processed document after chunking, decides which
 * unchanged documents must be processed again (enriched under other transforms, or only in part because a
 * budget stopped the last run), and records each indexed document's enrichment state after the commit.
 *
 * <p>A transform never fails the run: a model error, an invalid output or a budget stop leaves that item
 * "not enriched" and the document marked incomplete, so the next sync offers it again and takes every output
 * already paid for from the store. Thread-safe.
 */
final class RunEnrichment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunEnrichment.class);

    private final TransformStore store;
    private final Transforms transforms; // null: none configured, or they could not start
    private final String fingerprint;
    private final String openFailure;
    private final Map<String, String> before;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();

    /** The run's transforms; {@code store} null: a pipeline without transforms (no state is kept). */
    RunEnrichment(TransformSettings settings, TransformStore store, LedgerStore ledger) {
        this.store = store;
        Transforms opened = null;
        String failure = null;
        if (store != null && settings.configured()) {
            try {
                opened = Transforms.open(settings, store, ledger);
            } catch (RuntimeException e) {
                failure = e.getMessage();
                LOG.warn("transforms could not start, documents are indexed without enrichment: {}", failure);
            }
        }
        this.transforms = opened;
        this.openFailure = failure;
        this.fingerprint = opened != null ? opened.fingerprint() : "";
        this.before = store == null ? Map.of() : store.enrichmentStates();
    }

    /**
     * Whether an indexed document that did not change is enriched as the configured transforms would
     * enrich it now; when not, the run processes it again.
     */
    boolean current(String uri) {
        if (store == null) {
            return true;
        }
        String state = before.getOrDefault(uri, "");
        String wanted = openFailure != null ? state : fingerprint; // transforms down: leave documents as they are
        return state.equals(wanted);
    }

    /** The transforms' outputs for a document and its chunks; {@link Enrichment#NONE} without transforms. */
    Enrichment enrich(SourceItem item, NormalizedDocument doc, List<Chunk> chunks) {
        if (transforms == null) {
            return Enrichment.NONE;
        }
        return transforms.enrich(new TransformInput(item.uri(), item.source(), doc.title(), doc.text(), chunks));
    }

    /** What the model embeds for a chunk: its context line, its input as without transforms, its questions. */
    static String embeddingInput(String base, String context, List<String> questions) {
        StringBuilder sb = new StringBuilder();
        if (context != null && !context.isBlank()) {
            sb.append(context.strip()).append('\n');
        }
        sb.append(base);
        if (questions != null && !questions.isEmpty()) {
            sb.append("\nQuestions: ").append(String.join(" ", questions));
        }
        return sb.toString();
    }

    /** The extra BM25 text of a chunk: its context line and questions, or empty. */
    static String searchText(String context, List<String> questions) {
        return embeddingInput("", context, questions).strip();
    }

    void indexed(String uri, Enrichment enrichment) {
        if (store != null) {
            states.put(
                    uri, fingerprint + (enrichment.complete() && openFailure == null ? "" : TransformStore.INCOMPLETE));
        }
    }

    void deleted(String uri) {
        gone.add(uri);
    }

    /** Records the states of this run's documents; after the index commit, like every catalog change. */
    void record() {
        if (store != null) {
            store.putEnrichmentStates(states);
            store.removeEnrichmentStates(gone);
        }
    }

    /** What the transforms did this run; empty without transforms. */
    TransformRunSummary summary() {
        return transforms == null ? TransformRunSummary.EMPTY : transforms.summary();
    }

    /** Why transforms stopped calling (a budget), why they could not start, or null. */
    String stoppedBecause() {
        if (openFailure != null) {
            return "transforms could not start: " + openFailure;
        }
        return transforms == null ? null : transforms.stoppedBecause();
    }

    @Override
    public void close() {
        if (transforms != null) {
            transforms.close();
        }
    }
}
