package dev.sluice.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.quality.DocumentChecks;
import dev.sluice.quality.Expectation;
import dev.sluice.quality.ExpectationResult;
import dev.sluice.quality.MinHasher;
import dev.sluice.quality.QualityStore;
import dev.sluice.quality.SourceQuality;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QualityStore} must do: a document's latest checks replace its earlier ones and survive
 * reopening; signatures come back for indexed documents that duplicate none (quarantined ones and copies
 * stay out of the near-duplicate index); forgotten documents leave; source figures come back per source,
 * newest run first, with the contract's results as written.
 */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class QualityStoreContract<S extends AutoCloseable> extends StoreFixture<S> {
    /** The quality store of an opened store. */
    protected abstract QualityStore quality(S store);

    private static DocumentChecks checks(String uri, long run, String duplicateOf, String outcome, int emails) {
        return new DocumentChecks(
                uri,
                "docs",
                run,
                "en",
                0.99,
                0.01,
                false,
                List.of(),
                emails == 0 ? Map.of() : Map.of("email", emails),
                List.of(),
                0,
                0,
                List.of(),
                duplicateOf,
                duplicateOf == null ? 0 : 0.9,
                List.of("title"),
                outcome,
                "p1");
    }

    private static QualityStore.StoredSignature signature(String uri, String text) {
        return new QualityStore.StoredSignature(uri, "hash-" + uri, MinHasher.toBytes(new MinHasher().signature(text)));
    }

    @Test
    void should_keep_the_latest_checks_of_each_document_across_reopening() {
        QualityStore store = quality(open());
        store.putChecks(List.of(checks("a", 1, null, DocumentChecks.INDEXED, 0)), Map.of());
        store.putChecks(List.of(checks("a", 2, null, DocumentChecks.REDACTED, 3)), Map.of());
        QualityStore again = quality(open());
        assertThat(again.checks("a").runId()).isEqualTo(2);
        assertThat(again.checks("a").pii()).containsEntry("email", 3);
        assertThat(again.checks("a").outcome()).isEqualTo(DocumentChecks.REDACTED);
        assertThat(again.checks()).containsOnlyKeys("a");
        assertThat(again.checks("missing")).isNull();
        again.removeChecks(List.of("a"));
        assertThat(quality(open()).checks()).isEmpty();
    }

    @Test
    void should_give_signatures_of_indexed_documents_that_duplicate_none() {
        QualityStore store = quality(open());
        store.putChecks(
                List.of(
                        checks("canonical", 1, null, DocumentChecks.INDEXED, 0),
                        checks("copy", 1, "canonical", DocumentChecks.INDEXED, 0),
                        checks("quarantined", 1, null, DocumentChecks.QUARANTINED, 2)),
                Map.of(
                        "canonical", signature("canonical", "the river shapes the village"),
                        "copy", signature("copy", "the river shapes the village"),
                        "quarantined", signature("quarantined", "contact me at a@b.example")));
        List<QualityStore.StoredSignature> signatures = quality(open()).signatures();
        assertThat(signatures).extracting(QualityStore.StoredSignature::uri).containsExactly("canonical");
        assertThat(MinHasher.fromBytes(signatures.getFirst().signature()))
                .isEqualTo(new MinHasher().signature("the river shapes the village"));
        assertThat(signatures.getFirst().contentHash()).isEqualTo("hash-canonical");
    }

    @Test
    void should_give_source_figures_newest_run_first_with_their_contract_results() {
        QualityStore store = quality(open());
        ExpectationResult failed = new ExpectationResult(
                "sources[0].contract.minDocuments", Expectation.Severity.ERROR, false, "2 documents", "too few");
        for (long run = 1; run <= 3; run++) {
            store.putSourceQuality(List.of(
                    new SourceQuality(
                            run,
                            "docs",
                            run * 1000,
                            (int) run,
                            (int) run,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            Map.of("en", (int) run),
                            Map.of(),
                            run == 3 ? List.of(failed) : List.of(),
                            run != 3),
                    new SourceQuality(
                            run, "wiki", run * 1000, 5, 5, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), List.of(), true)));
        }
        QualityStore again = quality(open());
        List<SourceQuality> docs = again.sourceQuality("docs", 2);
        assertThat(docs).extracting(SourceQuality::runId).containsExactly(3L, 2L);
        assertThat(docs.getFirst().published()).isFalse();
        assertThat(docs.getFirst().results()).containsExactly(failed);
        assertThat(again.sourceQuality(null, 2))
                .extracting(q -> q.runId() + ":" + q.source())
                .containsExactly("3:docs", "3:wiki", "2:docs", "2:wiki");
    }
}
