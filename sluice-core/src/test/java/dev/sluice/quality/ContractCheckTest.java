package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractCheckTest {
    private static SourceQuality quality(int documents, int seen, int quarantined, int pii, int dupes) {
        return new SourceQuality(
                7,
                "filings",
                0,
                documents,
                seen,
                quarantined,
                pii,
                pii > 0 ? 1 : 0,
                dupes,
                0,
                0,
                0,
                Map.of("en", documents - 1, "de", 1),
                Map.of("issuer", 2),
                List.of(),
                true);
    }

    private static Expectation expect(Expectation.Kind kind, double limit, Expectation.Severity severity) {
        return new Expectation(kind, limit, List.of(), severity, "sources[0].contract." + kind.key());
    }

    @Test
    void should_pass_a_source_within_every_limit() {
        Contract contract = new Contract(List.of(
                expect(Expectation.Kind.MIN_DOCUMENTS, 10, Expectation.Severity.ERROR),
                expect(Expectation.Kind.MAX_DOCUMENTS, 100, Expectation.Severity.ERROR),
                expect(Expectation.Kind.MAX_QUARANTINE_SHARE, 0.1, Expectation.Severity.ERROR)));
        List<ExpectationResult> results = ContractCheck.evaluate(contract, quality(20, 21, 1, 0, 0));
        assertThat(results).allMatch(ExpectationResult::passed);
        assertThat(results.get(2).observed()).isEqualTo("4.8% quarantined");
    }

    @Test
    void should_fail_each_broken_expectation_naming_what_was_expected_and_found() {
        Contract contract = new Contract(List.of(
                expect(Expectation.Kind.MIN_DOCUMENTS, 50, Expectation.Severity.ERROR),
                expect(Expectation.Kind.MAX_QUARANTINE_SHARE, 0.05, Expectation.Severity.ERROR),
                expect(Expectation.Kind.MAX_PII_HITS, 0, Expectation.Severity.WARN),
                expect(Expectation.Kind.MAX_DUPLICATE_SHARE, 0.1, Expectation.Severity.ERROR)));
        List<ExpectationResult> results = ContractCheck.evaluate(contract, quality(20, 30, 10, 3, 5));
        assertThat(results).noneMatch(ExpectationResult::passed);
        assertThat(results.get(0).message()).contains("20 documents, fewer than the 50 expected");
        assertThat(results.get(1).message()).contains("10 of 30 items quarantined (33.3%)", "above the 5.0% allowed");
        assertThat(results.get(2).blocks())
                .as("a warning does not stop the run")
                .isFalse();
        assertThat(results.get(3).blocks()).isTrue();
        assertThat(results.get(3).observed()).isEqualTo("25.0% duplicates");
    }

    @Test
    void should_check_required_fields_and_allowed_languages_by_name() {
        Contract contract = new Contract(List.of(
                new Expectation(
                        Expectation.Kind.REQUIRED_METADATA,
                        0,
                        List.of("title", "issuer"),
                        Expectation.Severity.ERROR,
                        "k1"),
                new Expectation(Expectation.Kind.ALLOWED_LANGUAGES, 0, List.of("en"), Expectation.Severity.ERROR, "k2"),
                new Expectation(
                        Expectation.Kind.ALLOWED_LANGUAGES, 0, List.of("en", "de"), Expectation.Severity.ERROR, "k3")));
        List<ExpectationResult> results = ContractCheck.evaluate(contract, quality(20, 20, 0, 0, 0));
        assertThat(results.get(0).passed()).isFalse();
        assertThat(results.get(0).message()).contains("{issuer=2}");
        assertThat(results.get(1).passed()).isFalse();
        assertThat(results.get(1).message()).contains("{de=1}");
        assertThat(results.get(2).passed()).isTrue();
    }
}
