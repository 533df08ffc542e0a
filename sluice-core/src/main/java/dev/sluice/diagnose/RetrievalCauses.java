package dev.sluice.diagnose;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.retrieve.QueryTerms;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why the expected document did not reach the answer's top k, once the data and staleness layers held:
 * split across chunks, a near-duplicate collapsed into its canonical document, just below the cut, no shared
 * word, or a semantic miss, in that order. Part of {@link AnswerPath}'s retrieval layer.
 */
final class RetrievalCauses {
    private final DiagnosisSignals kb;
    private final Diagnoser.Asking asking;
    private final DocumentRecord doc;
    private final String display;
    private final DocumentChunks chunks;
    private final java.util.function.Function<String, String> shownPath;

    RetrievalCauses(
            DiagnosisSignals kb,
            Diagnoser.Asking asking,
            DocumentRecord doc,
            String display,
            DocumentChunks chunks,
            java.util.function.Function<String, String> shownPath) {
        this.kb = kb;
        this.asking = asking;
        this.doc = doc;
        this.display = display;
        this.chunks = chunks;
        this.shownPath = shownPath;
    }

    Diagnosis failure(
            Map<String, Object> evidence,
            List<Layer> passed,
            Map<SearchMode, SearchHit> best,
            List<String> wouldFind,
            int k) {
        SearchHit target = chunks.holder() != null
                ? chunks.holder()
                : best.containsKey(SearchMode.DENSE)
                        ? best.get(SearchMode.DENSE)
                        : chunks.chunks().isEmpty() ? null : chunks.chunks().getFirst();
        Set<String> shared = new TreeSet<>(QueryTerms.of(asking.question(), kb.indexLanguage()));
        shared.retainAll(target == null ? Set.of() : QueryTerms.of(target.text(), kb.indexLanguage()));
        evidence.put("sharedWords", List.copyOf(shared));
        Diagnosis collapsed = collapsedDuplicate(evidence, passed, best.isEmpty());
        if (collapsed != null) {
            return collapsed;
        }
        int bestRank = best.values().stream().mapToInt(SearchHit::rank).min().orElse(Integer.MAX_VALUE);
        SearchHit hybrid = best.get(SearchMode.HYBRID);
        String where = hybrid == null
                ? "no mode ranks it in the first " + DocumentChunks.MOST
                : "hybrid ranks it #" + hybrid.rank() + " for k=" + k;
        if (chunks.isSplit()) {
            return new Diagnosis(
                    Layer.RETRIEVAL,
                    "split_across_chunks",
                    "\"" + chunks.expectText() + "\" is split across chunks " + chunks.split() + " of " + display
                            + ", and " + where,
                    evidence,
                    "raise chunking.overlapTokens (now "
                            + kb.config().chunking().overlapTokens()
                            + ") so the text stays in one chunk, then run sluice sync",
                    passed);
        }
        if (!wouldFind.isEmpty() || bestRank <= 2 * k) {
            String fix = !wouldFind.isEmpty()
                    ? String.join(" and ", wouldFind) + " alone would have found it (" + ranksLine(best)
                            + "): tune the fusion on an eval set (sluice eval tune), or raise k"
                    : "it ranks just below the cut (" + ranksLine(best) + "): raise k, or remove the near-duplicates"
                            + " ranked above it";
            return new Diagnosis(
                    Layer.RETRIEVAL,
                    "not_in_top_k",
                    display + " is indexed and current, but " + where,
                    evidence,
                    fix,
                    passed);
        }
        if (shared.isEmpty()) {
            return new Diagnosis(
                    Layer.RETRIEVAL,
                    "vocabulary_mismatch",
                    "the question shares no word with " + display + ", and " + where,
                    evidence,
                    "add the users' words for it to " + doc.path()
                            + " (a heading or a synonym line), or add the question to an eval set and tune",
                    passed);
        }
        return new Diagnosis(
                Layer.RETRIEVAL,
                "semantic_miss",
                "the question shares " + shared + " with " + display + ", yet " + where,
                evidence,
                "the passage does not answer in the question's terms: state the answer plainly in " + doc.path()
                        + ", then add the question to an eval set",
                passed);
    }

    /**
     * The expected document is a near-duplicate that searches collapse into its canonical document (the
     * quality checks' {@code collapse} policy): it is found only when the canonical one is not. Null otherwise.
     */
    private Diagnosis collapsedDuplicate(Map<String, Object> evidence, List<Layer> passed, boolean neverRanked) {
        dev.sluice.quality.DocumentChecks checks = kb.checks(doc.uri());
        if (!neverRanked
                || checks == null
                || checks.duplicateOf() == null
                || kb.config().quality().policyOf(doc.source()).duplicates()
                        != dev.sluice.quality.CheckPolicy.DuplicateAction.COLLAPSE) {
            return null;
        }
        String canonical = shownPath.apply(checks.duplicateOf());
        evidence.put("canonical", canonical);
        evidence.put("similarity", Math.round(checks.duplicateSimilarity() * 1000) / 1000.0);
        return new Diagnosis(
                Layer.RETRIEVAL,
                "collapsed_duplicate",
                display + " is a near-duplicate of " + canonical + " (similarity "
                        + String.format(java.util.Locale.ROOT, "%.2f", checks.duplicateSimilarity())
                        + "), and searches show one document of each family: the first that ranks",
                evidence,
                "expect " + canonical + " instead, or set checks.duplicates.action: index for source '"
                        + doc.source() + "' if both copies must be found (a copy already indexed keeps its link"
                        + " until its file changes)",
                passed);
    }

    private static String ranksLine(Map<SearchMode, SearchHit> best) {
        List<String> parts = new ArrayList<>();
        best.forEach((mode, hit) -> parts.add(mode.label() + " #" + hit.rank()));
        return parts.isEmpty() ? "no mode finds it" : String.join(", ", parts);
    }
}
