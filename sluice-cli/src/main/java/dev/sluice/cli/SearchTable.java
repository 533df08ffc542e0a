package dev.sluice.cli;

import dev.sluice.retrieve.Reranking;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.retrieve.SearchResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Search results for people: rank, score, citation, then the snippet wrapped under it. */
final class SearchTable {
    private static final int WIDTH = 100;

    private SearchTable() {}

    static void print(SearchRequest request, List<SearchHit> hits, PrintWriter out) {
        print(request, SearchResult.firstStage(hits), out);
    }

    /** The results, with a line on the reranking when one ran: who ranked and what moved, or why it fell back. */
    static void print(SearchRequest request, SearchResult result, PrintWriter out) {
        List<SearchHit> hits = result.hits();
        out.printf(
                Locale.ROOT,
                "%s search for \"%s\": %d result%s%n",
                request.mode().label(),
                request.query(),
                hits.size(),
                hits.size() == 1 ? "" : "s");
        result.reranking().ifPresent(r -> out.println("  " + rerankLine(r)));
        if (hits.isEmpty()) {
            out.println("  nothing matched; try other words, --mode dense, or fewer filters");
            return;
        }
        out.printf(Locale.ROOT, "%n  %-3s %-8s %s%n", "#", "score", "citation");
        for (SearchHit hit : hits) {
            out.printf(Locale.ROOT, "  %-3d %-8.4f %s%n", hit.rank(), hit.score(), hit.citation());
            boolean titleShown =
                    hit.headingPath().contains(hit.title()) || hit.path().contains(hit.title());
            if (!hit.title().isBlank() && !titleShown) {
                out.println("               title: " + hit.title());
            }
            for (String line : wrap(hit.snippet(), WIDTH - 15)) {
                out.println("               " + line);
            }
            out.println();
        }
    }

    static String rerankLine(Reranking r) {
        if (!r.reordered()) {
            return "reranking kept the search order (" + r.fallbackReason() + ")";
        }
        return String.format(
                Locale.ROOT,
                "reranked by %s: %d candidates, %d moved%s",
                r.reranker(),
                r.candidates(),
                r.moved(),
                r.cached() ? " (order from the cache)" : "");
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
