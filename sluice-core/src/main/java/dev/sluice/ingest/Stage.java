package dev.sluice.ingest;

import java.util.Locale;

/** The timed stages of an ingestion run, in flow order. */
public enum Stage {
    EXTRACT,
    NORMALIZE,
    /** The quality checks: language, garbled text, personal data, injection, duplicates. */
    CHECK,
    CHUNK,
    /** The LLM transforms (classify, extract, summarize, questions, contextualize), from their store or a model. */
    ENRICH,
    EMBED,
    INDEX,
    /** The cross-source conflict check after the commit ({@code checks.conflicts}; dev.sluice.review). */
    CONFLICTS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
