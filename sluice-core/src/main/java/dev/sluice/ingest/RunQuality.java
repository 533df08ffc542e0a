package dev.sluice.ingest;

import dev.sluice.core.QuarantineReason;
import dev.sluice.index.DocumentInfo;
import dev.sluice.quality.CheckPolicy;
import dev.sluice.quality.ContractCheck;
import dev.sluice.quality.DocumentChecker;
import dev.sluice.quality.DocumentChecks;
import dev.sluice.quality.DuplicateRegistry;
import dev.sluice.quality.ExpectationResult;
import dev.sluice.quality.MinHasher;
import dev.sluice.quality.NormalizedDocument;
import dev.sluice.quality.QualitySettings;
import dev.sluice.quality.QualityStore;
import dev.sluice.quality.SourceQuality;
import dev.sluice.source.Listing;
import dev.sluice.source.ListingFailure;
import dev.sluice.source.SourceItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The quality side of one ingestion run: checks each document on its way to chunking, keeps what every
 * listed source would hold once the run publishes, measures it against the sources' contracts before the
 * index commit, and records checks and figures in the {@link QualityStore}.
 *
 * <p>Thread-safe: the pipeline's threads report documents to it concurrently.
 */
final class RunQuality implements DocumentProcessor.Checks {
    /** One document of a listed source as the run would leave it. */
    private record Entry(String source, boolean indexed, QuarantineReason reason, DocumentChecks checks) {}

    private final QualityStore store;
    private final QualitySettings settings;
    private final long runId;
    private final long nowMillis;
    private final DocumentChecker checker;
    private final DuplicateRegistry duplicates;
    private final Map<String, DocumentChecks> stored;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, DocumentChecks> fresh = new ConcurrentHashMap<>();
    private final Map<String, QualityStore.StoredSignature> signatures = new ConcurrentHashMap<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private List<SourceQuality> measured = List.of();

    /** The run's quality; {@code store} null: no checks, no contracts (a pipeline without a catalog of its own). */
    RunQuality(QualityStore store, QualitySettings settings, long runId, long nowMillis) {
        this.store = store;
        this.settings = settings;
        this.runId = runId;
        this.nowMillis = nowMillis;
        if (store == null) {
            this.duplicates = null;
            this.checker = null;
            this.stored = Map.of();
            return;
        }
        double lowest = settings.defaults().duplicateThreshold();
        for (CheckPolicy p : settings.policies().values()) {
            lowest = Math.min(lowest, p.duplicateThreshold());
        }
        this.duplicates = new DuplicateRegistry(lowest);
        this.duplicates.load(store.signatures());
        this.checker = new DocumentChecker(duplicates);
        this.stored = store.checks();
    }

    /** Checks a document of {@code item}, or null when its source's checks are off. */
    @Override
    public DocumentChecker.Checked check(SourceItem item, NormalizedDocument doc, String contentHash) {
        CheckPolicy policy = settings.policyOf(item.source());
        if (checker == null || !policy.enabled()) {
            return null;
        }
        DocumentChecker.Checked checked = checker.check(item.uri(), item.source(), runId, doc, contentHash, policy);
        signatures.put(
                item.uri(),
                new QualityStore.StoredSignature(item.uri(), contentHash, MinHasher.toBytes(checked.signature())));
        return checked;
    }

    /**
     * Takes the checks of a document that were run elsewhere (a Spark executor), as {@link #check} would
     * have kept them: its signature is recorded with the run, and later documents of this process see it.
     */
    void checkedElsewhere(SourceItem item, DocumentChecker.Checked checked, String contentHash) {
        if (checked == null || checker == null) {
            return;
        }
        signatures.put(
                item.uri(),
                new QualityStore.StoredSignature(item.uri(), contentHash, MinHasher.toBytes(checked.signature())));
    }

    /** Whether searches should collapse this document into its canonical one. */
    @Override
    public String collapseInto(SourceItem item, DocumentChecker.Checked checked) {
        return checked != null
                        && checked.checks().duplicateOf() != null
                        && settings.policyOf(item.source()).duplicates() == CheckPolicy.DuplicateAction.COLLAPSE
                ? checked.checks().duplicateOf()
                : null;
    }

    /**
     * Whether an indexed document that did not change was checked under its source's current policy; when
     * not (the policy changed, or it was indexed before checks existed), the run processes it again so that
     * redaction, quarantine and duplicate links follow the policy.
     */
    boolean current(SourceItem item) {
        if (store == null) {
            return true;
        }
        CheckPolicy policy = settings.policyOf(item.source());
        DocumentChecks before = stored.get(item.uri());
        if (!policy.enabled()) {
            return before == null;
        }
        return before != null && policy.fingerprint().equals(before.policy());
    }

    void indexed(SourceItem item, DocumentInfo info, DocumentChecker.Checked checked) {
        if (checked == null && stored.containsKey(item.uri())) {
            gone.add(item.uri()); // checks turned off: its old findings no longer describe what is indexed
        }
        DocumentChecks checks = checked == null ? null : checked.checks().withFields(info.fieldNames());
        if (checks != null) {
            fresh.put(item.uri(), checks);
        }
        entries.put(item.uri(), new Entry(item.source(), true, null, checks));
    }

    /** A document the run quarantined; {@code checked} when the checks decided (or had run before another failure). */
    void quarantined(String uri, String source, QuarantineReason reason, DocumentChecker.Checked checked) {
        if (duplicates != null) {
            duplicates.remove(uri);
        }
        signatures.remove(uri);
        DocumentChecks checks = checked == null ? null : checked.checks().withOutcome(DocumentChecks.QUARANTINED);
        if (checks != null) {
            fresh.put(uri, checks);
        }
        entries.put(uri, new Entry(source, false, reason, checks));
    }

    void unchanged(SourceItem item, boolean indexed, QuarantineReason reason) {
        entries.put(item.uri(), new Entry(item.source(), indexed, reason, stored.get(item.uri())));
    }

    void deleted(String uri) {
        if (duplicates != null) {
            duplicates.remove(uri);
        }
        gone.add(uri);
    }

    /**
     * Measures every listed source against its contract; the results that block publishing, empty when
     * the run may publish.
     */
    List<ExpectationResult> measure(Listing listing) {
        Map<String, Integer> seen = new HashMap<>();
        for (SourceItem item : listing.items()) {
            seen.merge(item.source(), 1, Integer::sum);
        }
        for (ListingFailure failure : listing.failures()) {
            seen.merge(failure.source(), 1, Integer::sum);
        }
        Map<String, List<Entry>> bySource = new TreeMap<>();
        entries.values()
                .forEach(e -> bySource.computeIfAbsent(e.source(), k -> new ArrayList<>())
                        .add(e));
        List<SourceQuality> out = new ArrayList<>();
        List<ExpectationResult> blocking = new ArrayList<>();
        for (String source : listing.sources()) {
            if (listing.failedSources().containsKey(source)) {
                continue; // a source that could not be listed keeps what it had; its failure is reported as such
            }
            SourceQuality q = figures(source, seen.getOrDefault(source, 0), bySource.getOrDefault(source, List.of()));
            List<ExpectationResult> results = ContractCheck.evaluate(settings.contractOf(source), q);
            results.stream().filter(ExpectationResult::blocks).forEach(blocking::add);
            out.add(q.withResults(results, true));
        }
        measured = blocking.isEmpty()
                ? out
                : out.stream().map(q -> q.withResults(q.results(), false)).toList();
        return blocking;
    }

    /** The figures {@link #measure} took, each marked published or not. */
    List<SourceQuality> measured() {
        return measured;
    }

    /** Records the sources' figures and, when the run published, the documents' checks. */
    void record(boolean published) {
        if (store == null) {
            return;
        }
        store.putSourceQuality(measured);
        if (published) {
            store.putChecks(fresh.values(), signatures);
            store.removeChecks(gone);
        }
    }

    private SourceQuality figures(String source, int seen, List<Entry> docs) {
        int documents = 0;
        int quarantined = 0;
        int piiHits = 0;
        int piiDocuments = 0;
        int dupes = 0;
        int dupesSkipped = 0;
        int garbled = 0;
        int injections = 0;
        Map<String, Integer> languages = new TreeMap<>();
        Map<String, Integer> missing = new TreeMap<>();
        List<String> required = settings.contractOf(source).expectations().stream()
                .filter(e -> e.kind() == dev.sluice.quality.Expectation.Kind.REQUIRED_METADATA)
                .flatMap(e -> e.names().stream())
                .toList();
        for (Entry e : docs) {
            if (!e.indexed()) {
                if (e.reason() == QuarantineReason.DUPLICATE) {
                    dupes++;
                    dupesSkipped++;
                } else {
                    quarantined++;
                }
                continue;
            }
            documents++;
            DocumentChecks c = e.checks();
            if (c == null) {
                continue; // indexed before checks existed, or with checks off: nothing known
            }
            int hits = c.piiHits();
            piiHits += hits;
            piiDocuments += hits > 0 ? 1 : 0;
            dupes += c.duplicate() ? 1 : 0;
            garbled += c.garbled() ? 1 : 0;
            injections += c.injections() > 0 ? 1 : 0;
            languages.merge(c.language(), 1, Integer::sum);
            for (String field : required) {
                if (!c.fields().contains(field)) {
                    missing.merge(field, 1, Integer::sum);
                }
            }
        }
        return new SourceQuality(
                runId,
                source,
                nowMillis,
                documents,
                seen,
                quarantined,
                piiHits,
                piiDocuments,
                dupes,
                dupesSkipped,
                garbled,
                injections,
                languages,
                missing,
                List.of(),
                true);
    }
}
