package dev.sluice;

import dev.sluice.quality.DocumentChecks;
import dev.sluice.quality.SourceQuality;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of quality findings, the same for {@code --json} and the HTTP API. */
public final class QualityJson {
    private QualityJson() {}

    /** A source's figures and contract results in one run. */
    public static Map<String, Object> source(SourceQuality q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", q.runId());
        m.put("source", q.source());
        m.put("at", Instant.ofEpochMilli(q.atMillis()).toString());
        m.put("published", q.published());
        m.put("documents", q.documents());
        m.put("seen", q.seen());
        m.put("quarantined", q.quarantined());
        m.put("quarantineShare", round(q.quarantineShare()));
        m.put("piiHits", q.piiHits());
        m.put("piiDocuments", q.piiDocuments());
        m.put("duplicates", q.duplicates());
        m.put("duplicatesSkipped", q.duplicatesSkipped());
        m.put("duplicateShare", round(q.duplicateShare()));
        m.put("garbled", q.garbled());
        m.put("garbledShare", round(q.garbledShare()));
        m.put("injections", q.injections());
        m.put("languages", q.languages());
        m.put("missingFields", q.missingFields());
        m.put(
                "contract",
                q.results().stream()
                        .map(r -> {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("expectation", r.key());
                            e.put("severity", r.severity().label());
                            e.put("passed", r.passed());
                            e.put("observed", r.observed());
                            if (r.message() != null) {
                                e.put("message", r.message());
                            }
                            return e;
                        })
                        .toList());
        return m;
    }

    /** A document's checks as lineage and {@code quality document} show them. */
    public static Map<String, Object> checks(DocumentChecks c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", c.runId());
        m.put("outcome", c.outcome());
        m.put("language", c.language());
        m.put("languageConfidence", round(c.languageConfidence()));
        m.put("garbleScore", round(c.garbleScore()));
        m.put("garbled", c.garbled());
        if (!c.garbleSignals().isEmpty()) {
            m.put("garbleSignals", c.garbleSignals());
        }
        m.put("pii", c.pii());
        if (!c.piiSamples().isEmpty()) {
            m.put("piiSamples", c.piiSamples());
        }
        m.put("injections", c.injections());
        m.put("injectionMentions", c.injectionMentions());
        if (!c.injectionPatterns().isEmpty()) {
            m.put("injectionPatterns", c.injectionPatterns());
        }
        if (c.duplicateOf() != null) {
            m.put("duplicateOf", c.duplicateOf());
            m.put("duplicateSimilarity", round(c.duplicateSimilarity()));
        }
        m.put("fields", c.fields());
        return m;
    }

    private static double round(double share) {
        return Math.round(share * 10000) / 10000.0;
    }
}
