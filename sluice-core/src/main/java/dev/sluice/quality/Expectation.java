package dev.sluice.quality;

import java.util.List;
import java.util.Locale;

/**
 * One expectation of a source's {@link Contract}, dbt-test style: a limit on what a run may publish.
 *
 * @param kind what is measured
 * @param limit the bound (a count or a share from 0 to 1); unused by the list kinds
 * @param names the fields or languages of {@link Kind#REQUIRED_METADATA} and {@link Kind#ALLOWED_LANGUAGES}
 * @param severity whether a violation fails the run before it publishes, or only warns
 * @param key where it is written in sluice.yaml ({@code sources[0].contract.minDocuments}), for messages
 */
public record Expectation(Kind kind, double limit, List<String> names, Severity severity, String key) {
    public Expectation {
        names = List.copyOf(names);
    }

    /** What an expectation measures; {@link #key()} is its name in sluice.yaml. */
    public enum Kind {
        MIN_DOCUMENTS("minDocuments"),
        MAX_DOCUMENTS("maxDocuments"),
        MAX_QUARANTINE_SHARE("maxQuarantineShare"),
        MAX_PII_HITS("maxPiiHits"),
        MAX_DUPLICATE_SHARE("maxDuplicateShare"),
        MAX_GARBLED_SHARE("maxGarbledShare"),
        MAX_INJECTION_HITS("maxInjectionHits"),
        REQUIRED_METADATA("requiredMetadata"),
        ALLOWED_LANGUAGES("allowedLanguages");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** Whether the limit is a share from 0 to 1 rather than a count. */
        public boolean share() {
            return this == MAX_QUARANTINE_SHARE || this == MAX_DUPLICATE_SHARE || this == MAX_GARBLED_SHARE;
        }

        /** Whether the expectation names fields or languages rather than a limit. */
        public boolean list() {
            return this == REQUIRED_METADATA || this == ALLOWED_LANGUAGES;
        }
    }

    /** What a violation does. */
    public enum Severity {
        /** The run fails before publishing: the index keeps its last good version. */
        ERROR,
        /** The run publishes; the violation is recorded and printed. */
        WARN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
