package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.quality.CheckPolicy;
import dev.sluice.quality.Expectation;
import dev.sluice.quality.PiiKind;
import dev.sluice.quality.QualitySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksSectionTest {
    @TempDir
    Path dir;

    private QualitySettings load(String yaml) throws Exception {
        return ConfigLoader.load(Files.writeString(dir.resolve("sluice.yaml"), yaml))
                .quality();
    }

    @Test
    void should_default_to_every_check_flagging_and_duplicates_collapsed_without_a_checks_section() throws Exception {
        QualitySettings q = load("sources:\n  - path: docs\n");
        assertThat(q.policyOf("docs")).isEqualTo(CheckPolicy.DEFAULTS);
        assertThat(q.contractOf("docs").isEmpty()).isTrue();
        assertThat(q.conflicts()).isTrue();
    }

    @Test
    void should_let_a_source_override_the_top_checks_key_by_key() throws Exception {
        QualitySettings q = load("""
                checks:
                  duplicates: {threshold: 0.9, action: skip}
                  pii: {action: redact, kinds: [email, iban]}
                sources:
                  - name: hr
                    path: hr
                    checks:
                      pii: {action: quarantine}
                  - name: wiki
                    path: wiki
                """);
        CheckPolicy hr = q.policyOf("hr");
        assertThat(hr.pii()).isEqualTo(CheckPolicy.Action.QUARANTINE);
        assertThat(hr.piiKinds()).containsExactlyInAnyOrder(PiiKind.EMAIL, PiiKind.IBAN);
        assertThat(hr.duplicates()).isEqualTo(CheckPolicy.DuplicateAction.SKIP);
        assertThat(hr.duplicateThreshold()).isEqualTo(0.9);
        assertThat(q.policyOf("wiki").pii()).isEqualTo(CheckPolicy.Action.REDACT);
    }

    @Test
    void should_read_a_contract_with_severities_and_refuse_unknown_expectations_naming_the_key() throws Exception {
        QualitySettings q = load("""
                sources:
                  - name: filings
                    path: filings
                    contract:
                      minDocuments: 10
                      maxQuarantineShare: 0.05
                      maxPiiHits: {value: 0, severity: warn}
                      requiredMetadata: [title, issuer]
                      allowedLanguages: [EN]
                """);
        var expectations = q.contractOf("filings").expectations();
        assertThat(expectations)
                .extracting(Expectation::kind)
                .containsExactly(
                        Expectation.Kind.MIN_DOCUMENTS,
                        Expectation.Kind.MAX_QUARANTINE_SHARE,
                        Expectation.Kind.MAX_PII_HITS,
                        Expectation.Kind.REQUIRED_METADATA,
                        Expectation.Kind.ALLOWED_LANGUAGES);
        assertThat(expectations.get(2).severity()).isEqualTo(Expectation.Severity.WARN);
        assertThat(expectations.get(4).names()).containsExactly("en");
        assertThat(expectations.get(0).key()).isEqualTo("sources[0].contract.minDocuments");

        assertThatThrownBy(() -> load("sources:\n  - path: a\n    contract:\n      minDocs: 3\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources[0].contract")
                .hasMessageContaining("minDocuments");
    }

    @Test
    void should_refuse_a_contract_naming_an_unknown_field_listing_the_known_ones() throws Exception {
        assertThatThrownBy(() -> load("sources:\n  - path: a\n    contract:\n      requiredMetadata: [author]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources[0].contract.requiredMetadata")
                .hasMessageContaining("'author'")
                .hasMessageContaining("issuer");
    }

    @Test
    void should_refuse_bad_actions_shares_and_kinds_with_the_fix() throws Exception {
        assertThatThrownBy(() -> load("checks:\n  garbled: {action: redact}\n"))
                .hasMessageContaining("checks.garbled.action")
                .hasMessageContaining("only pii can be redacted");
        assertThatThrownBy(() -> load("checks:\n  duplicates: {action: drop}\n"))
                .hasMessageContaining("checks.duplicates.action must be one of index, collapse, skip");
        assertThatThrownBy(() -> load("checks:\n  pii: {kinds: [ssn]}\n"))
                .hasMessageContaining("checks.pii.kinds[0] 'ssn'")
                .hasMessageContaining("national-id");
        assertThatThrownBy(() -> load("sources:\n  - path: a\n    contract:\n      maxQuarantineShare: 5\n"))
                .hasMessageContaining("sources[0].contract.maxQuarantineShare must be a number from 0");
        assertThatThrownBy(() -> load("sources:\n  - path: a\n    contract:\n      allowedLanguages: [english]\n"))
                .hasMessageContaining("two-letter");
    }

    @Test
    void should_check_conflicts_by_default_and_not_when_the_file_says_false() throws Exception {
        assertThat(load("index: idx\n").conflicts()).isTrue();
        Path file = Files.writeString(dir.resolve("sluice.yaml"), "checks:\n  conflicts: false\n");
        EffectiveConfig off = EffectiveConfig.resolve(ConfigLoader.load(file), Flags.NONE);
        assertThat(off.quality().conflicts()).isFalse();
        assertThat(EffectiveSettings.of(off))
                .filteredOn(s -> s.key().equals("checks.conflicts"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.value()).isEqualTo(false);
                    assertThat(s.origin()).hasToString("sluice.yaml:2");
                });
        assertThat(SluiceConfig.defaults().quality().conflicts()).isTrue();
    }

    @Test
    void should_name_the_key_and_line_of_a_bad_checks_setting() throws Exception {
        Path notBoolean = Files.writeString(dir.resolve("sluice.yaml"), "checks:\n  conflicts: sometimes\n");
        assertThatThrownBy(() -> ConfigLoader.load(notBoolean))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(notBoolean + ":2: checks.conflicts");
        Path unknown = Files.writeString(dir.resolve("sluice.yaml"), "checks:\n  conflict: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(unknown))
                .hasMessageContaining("unknown key 'checks.conflict' (did you mean 'conflicts'?)");
    }
}
