package dev.sluice.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** The analyzer of the BM25 field; queries must be analyzed with the same one. */
public final class Analyzers {
    private Analyzers() {}

    /** English: standard tokenizer, lower case, English stop words, Porter stemming (as Anserini's BM25 baselines). */
    public static Analyzer body() {
        return new EnglishAnalyzer();
    }
}
