package dev.sluice.extract;

import dev.sluice.core.Checks;

/**
 * The limits one extraction runs under. Validated once when built, frozen afterwards. A file that
 * breaks a limit is quarantined with the matching {@link dev.sluice.core.QuarantineReason}, and the
 * message names the setting to raise (the sluice.yaml key or flag, such as {@code extraction.maxFileMb}).
 *
 * @param maxFileBytes files larger than this are not opened at all (TOO_LARGE); default 32 MiB
 * @param parseTimeoutMillis wall-clock time allowed for detecting and parsing one file (TIMED_OUT);
 *     default 60,000 ms
 * @param maxExtractedChars characters of text one file may yield before extraction stops
 *     (TOO_LARGE); default 10,000,000
 * @param maxNestingDepth how deep documents may nest inside each other: a zip inside a zip, an
 *     attachment inside a PDF (EXPANSION_LIMIT); 0 means embedded documents are skipped; default 3
 * @param maxCompressionRatio how many characters of text per byte of input Tika tolerates once
 *     {@code compressionCheckThresholdChars} characters have been produced (EXPANSION_LIMIT, zip
 *     bomb protection of Tika's SecureContentHandler); default 100
 * @param compressionCheckThresholdChars how many characters may be produced before the compression
 *     ratio is checked; default 1,000,000
 */
public record ExtractionLimits(
        long maxFileBytes,
        long parseTimeoutMillis,
        int maxExtractedChars,
        int maxNestingDepth,
        long maxCompressionRatio,
        long compressionCheckThresholdChars) {

    public static final long DEFAULT_MAX_FILE_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_PARSE_TIMEOUT_MILLIS = 60_000;
    public static final int DEFAULT_MAX_EXTRACTED_CHARS = 10_000_000;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 3;
    public static final long DEFAULT_MAX_COMPRESSION_RATIO = 100;
    public static final long DEFAULT_COMPRESSION_CHECK_THRESHOLD_CHARS = 1_000_000;

    public ExtractionLimits {
        Checks.positive("ExtractionLimits.maxFileBytes", maxFileBytes);
        Checks.positive("ExtractionLimits.parseTimeoutMillis", parseTimeoutMillis);
        Checks.positive("ExtractionLimits.maxExtractedChars", maxExtractedChars);
        Checks.inRange("ExtractionLimits.maxNestingDepth", maxNestingDepth, 0, 100);
        Checks.positive("ExtractionLimits.maxCompressionRatio", maxCompressionRatio);
        Checks.positive("ExtractionLimits.compressionCheckThresholdChars", compressionCheckThresholdChars);
    }

    /** The defaults listed on each component. */
    public static ExtractionLimits defaults() {
        return new ExtractionLimits(
                DEFAULT_MAX_FILE_BYTES,
                DEFAULT_PARSE_TIMEOUT_MILLIS,
                DEFAULT_MAX_EXTRACTED_CHARS,
                DEFAULT_MAX_NESTING_DEPTH,
                DEFAULT_MAX_COMPRESSION_RATIO,
                DEFAULT_COMPRESSION_CHECK_THRESHOLD_CHARS);
    }

    public ExtractionLimits withMaxFileBytes(long value) {
        return new ExtractionLimits(
                value,
                parseTimeoutMillis,
                maxExtractedChars,
                maxNestingDepth,
                maxCompressionRatio,
                compressionCheckThresholdChars);
    }

    public ExtractionLimits withParseTimeoutMillis(long value) {
        return new ExtractionLimits(
                maxFileBytes,
                value,
                maxExtractedChars,
                maxNestingDepth,
                maxCompressionRatio,
                compressionCheckThresholdChars);
    }

    public ExtractionLimits withMaxExtractedChars(int value) {
        return new ExtractionLimits(
                maxFileBytes,
                parseTimeoutMillis,
                value,
                maxNestingDepth,
                maxCompressionRatio,
                compressionCheckThresholdChars);
    }

    public ExtractionLimits withMaxNestingDepth(int value) {
        return new ExtractionLimits(
                maxFileBytes,
                parseTimeoutMillis,
                maxExtractedChars,
                value,
                maxCompressionRatio,
                compressionCheckThresholdChars);
    }

    public ExtractionLimits withMaxCompressionRatio(long value) {
        return new ExtractionLimits(
                maxFileBytes,
                parseTimeoutMillis,
                maxExtractedChars,
                maxNestingDepth,
                value,
                compressionCheckThresholdChars);
    }

    public ExtractionLimits withCompressionCheckThresholdChars(long value) {
        return new ExtractionLimits(
                maxFileBytes, parseTimeoutMillis, maxExtractedChars, maxNestingDepth, maxCompressionRatio, value);
    }
}
