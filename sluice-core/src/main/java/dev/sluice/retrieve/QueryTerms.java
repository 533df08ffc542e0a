package dev.sluice.retrieve;

import java.util.Set;

/** The terms of a text after the index's analysis (lower case, stop words, stemming), in order. */
public final class QueryTerms {
    private QueryTerms() {}

    /** "Running dogs ran" gives {run, dog, ran}: what BM25 would match. */
    public static Set<String> of(String text) {
        return Snippets.analyze(text);
    }
}
