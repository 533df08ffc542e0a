package dev.sluice.index;

import java.util.EnumMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;

/**
 * The analyzer of the BM25 field for each {@link IndexLanguage}; an index is written and queried with
 * the one of the language it records. Lucene's own analyzers with their default stop words and
 * stemmers, so a language's analysis changes only with Lucene.
 *
 * <p>The shared instances are thread-safe (Lucene keeps a token stream per thread); they are never
 * closed, as they hold nothing but those per-thread streams.
 */
public final class Analyzers {
    private static final Map<IndexLanguage, Analyzer> SHARED = new EnumMap<>(IndexLanguage.class);

    private Analyzers() {}

    /** The shared analyzer of {@code language} (for queries and snippets). */
    public static Analyzer of(IndexLanguage language) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(language, Analyzers::create);
        }
    }

    /** A new analyzer of {@code language} (an index writer closes its own). */
    public static Analyzer create(IndexLanguage language) {
        return switch (language) {
            // Standard tokenizer, lower case, English stop words, Porter stemming (as Anserini's BM25 baselines).
            case EN -> new EnglishAnalyzer();
            case DE -> new GermanAnalyzer();
            case FR -> new FrenchAnalyzer();
            case ES -> new SpanishAnalyzer();
            case IT -> new ItalianAnalyzer();
            case PT -> new PortugueseAnalyzer();
            case NL -> new DutchAnalyzer();
            case SV -> new SwedishAnalyzer();
            case RU -> new RussianAnalyzer();
            case AR -> new ArabicAnalyzer();
            case ZH, JA, KO -> new CJKAnalyzer();
            case STANDARD -> new StandardAnalyzer();
        };
    }
}
