package dev.sluice.cli;

import dev.sluice.quality.ExpectationResult;
import dev.sluice.quality.SourceQuality;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How a source's quality figures and contract results print: a table row and JSON. */
final class QualityViews {
    private QualityViews() {}

    static void table(PrintWriter out, List<SourceQuality> rows) {
        out.printf(
                Locale.ROOT,
                "%6s  %-20s  %-9s  %6s  %7s  %5s  %6s  %7s  %6s  %-12s  %s%n",
                "run",
                "source",
                "published",
                "docs",
                "quarant",
                "pii",
                "dupes",
                "garbled",
                "inject",
                "languages",
                "contract");
        for (SourceQuality q : rows) {
            out.printf(
                    Locale.ROOT,
                    "%6d  %-20s  %-9s  %6d  %6.1f%%  %5d  %5.1f%%  %7d  %6d  %-12s  %s%n",
                    q.runId(),
                    clip(q.source(), 20),
                    q.published() ? "yes" : "NO",
                    q.documents(),
                    q.quarantineShare() * 100,
                    q.piiHits(),
                    q.duplicateShare() * 100,
                    q.garbled(),
                    q.injections(),
                    clip(languages(q.languages()), 12),
                    contract(q.results()));
        }
    }

    /** The failed expectations with their messages, errors first; nothing when all passed. */
    static void violations(PrintWriter out, List<SourceQuality> rows) {
        for (SourceQuality q : rows) {
            for (ExpectationResult r : q.results()) {
                if (!r.passed()) {
                    out.println("  " + (r.blocks() ? "FAILED " : "warning ") + r.key() + ": " + r.message());
                }
            }
        }
    }

    static String contract(List<ExpectationResult> results) {
        if (results.isEmpty()) {
            return "-";
        }
        long errors = results.stream().filter(ExpectationResult::blocks).count();
        long warnings = results.stream().filter(r -> !r.passed() && !r.blocks()).count();
        if (errors + warnings == 0) {
            return "passed (" + results.size() + ")";
        }
        return (errors > 0 ? errors + " failed" : "") + (errors > 0 && warnings > 0 ? ", " : "")
                + (warnings > 0 ? warnings + " warned" : "") + " of " + results.size();
    }

    static String languages(Map<String, Integer> languages) {
        StringBuilder sb = new StringBuilder();
        languages.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sb.append(sb.isEmpty() ? "" : " ")
                        .append(e.getKey())
                        .append(':')
                        .append(e.getValue()));
        return sb.isEmpty() ? "-" : sb.toString();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
