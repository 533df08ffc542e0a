package dev.sluice.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExtractionLimitsTest {
    @Test
    void should_default_to_32_mib_60_seconds_and_10_million_characters() {
        ExtractionLimits limits = ExtractionLimits.defaults();

        assertThat(limits.maxFileBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(limits.parseTimeoutMillis()).isEqualTo(60_000);
        assertThat(limits.maxExtractedChars()).isEqualTo(10_000_000);
        assertThat(limits.maxNestingDepth()).isEqualTo(3);
    }

    @Test
    void should_reject_bad_values_naming_the_setting_and_the_value() {
        assertThatThrownBy(() -> ExtractionLimits.defaults().withMaxFileBytes(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ExtractionLimits.maxFileBytes must be > 0, got -3");
        assertThatThrownBy(() -> ExtractionLimits.defaults().withParseTimeoutMillis(0))
                .hasMessage("ExtractionLimits.parseTimeoutMillis must be > 0, got 0");
        assertThatThrownBy(() -> ExtractionLimits.defaults().withMaxNestingDepth(-1))
                .hasMessage("ExtractionLimits.maxNestingDepth must be between 0 and 100, got -1");
    }

    @Test
    void should_change_only_the_named_limit() {
        ExtractionLimits limits = ExtractionLimits.defaults().withMaxExtractedChars(5);

        assertThat(limits)
                .isEqualTo(new ExtractionLimits(
                        ExtractionLimits.DEFAULT_MAX_FILE_BYTES,
                        ExtractionLimits.DEFAULT_PARSE_TIMEOUT_MILLIS,
                        5,
                        ExtractionLimits.DEFAULT_MAX_NESTING_DEPTH,
                        ExtractionLimits.DEFAULT_MAX_COMPRESSION_RATIO,
                        ExtractionLimits.DEFAULT_COMPRESSION_CHECK_THRESHOLD_CHARS));
    }
}
