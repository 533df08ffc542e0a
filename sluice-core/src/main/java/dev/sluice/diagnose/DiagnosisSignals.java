package dev.sluice.diagnose;

import dev.sluice.access.ApiKeyStore;
import dev.sluice.answer.Answer;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.Asker;
import dev.sluice.catalog.Catalog;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchRequest;
import dev.sluice.source.Source;
import java.util.List;

/**
 * What a diagnosis reads of a knowledge base: its stores, configured sources, searches and one rerun of
 * the question. The front door implements it ({@code KnowledgeBase.diagnose}); a benchmark or a test
 * may implement it over anything else that answers the same way.
 */
public interface DiagnosisSignals {
    EffectiveConfig config();

    Catalog catalog();

    AnswerStore answers();

    ApiKeyStore keys();

    /** The configured sources (folders with their include/exclude globs and .gitignore, web sources). */
    List<Source> sources();

    /** A search of the index, as {@code KnowledgeBase.search}. */
    List<SearchHit> search(SearchRequest request);

    /** The chunks before and after a hit in its document, as the answer's context widens with them. */
    List<SearchHit> neighbours(SearchHit hit);

    /** The relevance floor of the index's embedding model (used when the options give none). */
    double relevanceFloor();

    /**
     * The language the index's BM25 field is analyzed in (as it records it): questions, passages and
     * answers are compared after that analysis. English unless the index records another.
     */
    default dev.sluice.index.IndexLanguage indexLanguage() {
        return dev.sluice.index.IndexLanguage.DEFAULT;
    }

    /**
     * Answers the question again as {@code KnowledgeBase.ask} does, charged to {@code keyId} (null: no
     * key), and tells what every citation check of that answer found, including those of drafts that
     * were repaired or replaced by an extractive answer.
     */
    Rerun ask(String question, Asker.Options options, String keyId);

    /** What the quality checks recorded for a document (its near-duplicate's canonical document among them), or null. */
    default dev.sluice.quality.DocumentChecks checks(String uri) {
        return null;
    }

    /** Now, in epoch milliseconds. */
    long nowMillis();

    /**
     * One rerun.
     *
     * @param answer the answer given
     * @param citationProblems what the citation checks found, over every draft; empty when all held
     * @param traceId the trace of the rerun, or empty when it was not recorded
     */
    record Rerun(Answer answer, List<String> citationProblems, String traceId) {
        public Rerun {
            citationProblems = List.copyOf(citationProblems);
            traceId = traceId == null ? "" : traceId;
        }
    }
}
