package dev.sluice.retrieve;

import dev.sluice.index.Analyzers;
import dev.sluice.index.IndexLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Picks the passage of a chunk that best shows why it matched: the window with the most query
 * terms, compared after the same analysis as the index (so "running" matches "runs"): the analyzer of
 * the language the index records. Public for the index backends outside this package, which analyze
 * queries and cut snippets exactly as {@link LuceneRetriever} does.
 */
public final class Snippets {
    private Snippets() {}

    /** The terms of {@code text} analyzed in {@code language}, in order of first appearance. */
    public static Set<String> analyze(String text, IndexLanguage language) {
        Set<String> terms = new LinkedHashSet<>();
        forEachToken(Analyzers.of(language), text, (term, start) -> terms.add(term));
        return terms;
    }

    /** At most {@code maxChars} of {@code text} around the densest run of query terms, cut at spaces. */
    public static String make(String text, Set<String> queryTerms, int maxChars, IndexLanguage language) {
        String flat = text.replace('\n', ' ');
        if (flat.length() <= maxChars) {
            return flat.strip();
        }
        List<Integer> matchStarts = new ArrayList<>();
        forEachToken(Analyzers.of(language), flat, (term, start) -> {
            if (queryTerms.contains(term)) {
                matchStarts.add(start);
            }
        });
        int bestStart = 0;
        int bestCount = 0;
        for (int i = 0, j = 0; i < matchStarts.size(); i++) {
            while (j < matchStarts.size() && matchStarts.get(j) < matchStarts.get(i) + maxChars * 3 / 4) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                bestStart = matchStarts.get(i);
            }
        }
        int start = Math.max(0, bestStart - maxChars / 5);
        while (start > 0 && !Character.isWhitespace(flat.charAt(start - 1))) {
            start--;
        }
        int end = Math.min(flat.length(), start + maxChars);
        while (end < flat.length() && end > start + maxChars / 2 && !Character.isWhitespace(flat.charAt(end))) {
            end--;
        }
        return (start > 0 ? "…" : "") + flat.substring(start, end).strip() + (end < flat.length() ? "…" : "");
    }

    private static void forEachToken(Analyzer analyzer, String text, ObjIntConsumer<String> termAndStart) {
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                termAndStart.accept(term.toString(), offset.startOffset());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze text for a snippet", e);
        }
    }
}
