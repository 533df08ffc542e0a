package dev.sluice.answer;

import dev.sluice.retrieve.SearchHit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds an answer's context from search hits, best first: duplicates removed (the same chunk, or
 * the same text from another document, as copies of one page often are), within a token budget.
 * Tokens are estimated as one per four characters, the usual rule of thumb for English with
 * OpenAI-style tokenizers; the budget is a guard against overlong prompts, not an exact count.
 */
public final class ContextBuilder {
    /** Passages, best first, whose neighbours may widen the context. */
    private static final int NEIGHBOUR_EXPANSIONS = 3;

    private final int maxChunks;
    private final int maxTokens;

    /**
     * @param maxChunks most passages in a context
     * @param maxTokens most estimated tokens of passage text in a context
     */
    public ContextBuilder(int maxChunks, int maxTokens) {
        dev.sluice.core.Checks.positive("answer.maxChunks", maxChunks);
        dev.sluice.core.Checks.positive("answer.maxContextTokens", maxTokens);
        this.maxChunks = maxChunks;
        this.maxTokens = maxTokens;
    }

    /** Estimated tokens of a text (4 characters a token, at least 1). */
    public static int estimateTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    /** The numbered passages, best first; the first hit always fits, cut to the budget if need be. */
    public List<ContextChunk> build(List<SearchHit> hits) {
        return build(hits, hit -> List.of());
    }

    /**
     * As {@link #build(List)}, then widened: a neighbouring chunk of one of the best three passages
     * (the chunk before or after it in its document) that lies in the same section (same heading
     * path) and, in a paged document, on the same page, is added right after that passage while the
     * budget allows, since a section or page cut between two chunks often holds the answer across the
     * cut.
     */
    public List<ContextChunk> build(List<SearchHit> hits, Function<SearchHit, List<SearchHit>> neighbours) {
        List<SearchHit> chosen =
                new ArrayList<>(choose(hits).stream().map(ContextChunk::hit).toList());
        int tokens = chosen.stream().mapToInt(h -> estimateTokens(h.text())).sum();
        Set<String> ids = new HashSet<>();
        chosen.forEach(h -> ids.add(h.chunkId()));
        List<SearchHit> widened = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            SearchHit hit = chosen.get(i);
            widened.add(hit);
            if (i >= NEIGHBOUR_EXPANSIONS) {
                continue;
            }
            for (SearchHit n : neighbours.apply(hit)) {
                int cost = estimateTokens(n.text());
                if (widened.size() + (chosen.size() - i - 1) < maxChunks
                        && tokens + cost <= maxTokens
                        && sameUnit(n, hit)
                        && ids.add(n.chunkId())) {
                    widened.add(n);
                    tokens += cost;
                }
            }
        }
        List<ContextChunk> out = new ArrayList<>();
        for (SearchHit h : widened) {
            out.add(new ContextChunk(out.size() + 1, h));
        }
        return out;
    }

    /**
     * Whether a neighbour belongs with a passage: the same section (heading path) and, in a paged document,
     * the same page, the unit its readers cite (a chunk never spans pages; see {@code dev.sluice.chunk}).
     */
    static boolean sameUnit(SearchHit neighbour, SearchHit hit) {
        boolean paged = neighbour.pageStart() > 0 && hit.pageStart() > 0;
        return neighbour.headingPath().equals(hit.headingPath())
                && (!paged || neighbour.pageStart() == hit.pageStart());
    }

    /**
     * The candidates the last {@link #build} left out, in rank order, each with why: {@code duplicate}
     * (the same chunk or the same text as a passage kept), {@code budget} (over the token budget) or
     * {@code max_chunks} (the context was full).
     */
    public Map<String, String> dropped() {
        return java.util.Collections.unmodifiableMap(dropped);
    }

    private final Map<String, String> dropped = new java.util.LinkedHashMap<>();

    private List<ContextChunk> choose(List<SearchHit> hits) {
        dropped.clear();
        List<ContextChunk> out = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        Set<String> seenTexts = new HashSet<>();
        int tokens = 0;
        for (SearchHit hit : hits) {
            if (out.size() == maxChunks) {
                dropped.putIfAbsent(hit.chunkId(), "max_chunks");
                continue;
            }
            String normalized = hit.text().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            if (!seenIds.add(hit.chunkId()) || !seenTexts.add(normalized)) {
                dropped.putIfAbsent(hit.chunkId(), "duplicate");
                continue;
            }
            int cost = estimateTokens(hit.text());
            if (tokens + cost > maxTokens && !out.isEmpty()) {
                dropped.put(hit.chunkId(), "budget");
                continue; // a shorter, lower-ranked passage may still fit
            }
            tokens += cost;
            out.add(new ContextChunk(out.size() + 1, hit));
        }
        return out;
    }
}
