package dev.sluice.retrieve;

import java.util.Locale;

/**
 * How retrieval ranks: BM25's parameters, the candidates each list contributes to hybrid fusion and
 * the weights of reciprocal rank fusion. None needs re-indexing: BM25 parameters apply at search
 * time (the index stores document lengths, not scores). {@code sluice eval tune} searches these.
 *
 * @param bm25K1 BM25 term-frequency saturation (Lucene's default 1.2)
 * @param bm25B BM25 length normalization, 0 to 1 (Lucene's default 0.75)
 * @param denseCandidates HNSW candidates explored per dense query (at least k)
 * @param fusionDepth results each list gives hybrid fusion (at least k)
 * @param rrfK reciprocal rank fusion's rank constant: larger flattens the top ranks' advantage
 * @param bm25Weight weight of the BM25 list in fusion
 * @param denseWeight weight of the dense list in fusion
 * @param documentMatch whether hybrid search boosts the documents a question names (issuer, year; see
 *     {@link DocumentMatch}); {@code retrieval.documentMatch}, default true
 */
public record RetrievalSettings(
        float bm25K1,
        float bm25B,
        int denseCandidates,
        int fusionDepth,
        int rrfK,
        double bm25Weight,
        double denseWeight,
        boolean documentMatch) {
    public static final RetrievalSettings DEFAULTS = new RetrievalSettings(1.2f, 0.75f, 100, 100, 60, 1.0, 1.0, true);

    /** Settings that boost the documents a question names. */
    public RetrievalSettings(
            float bm25K1,
            float bm25B,
            int denseCandidates,
            int fusionDepth,
            int rrfK,
            double bm25Weight,
            double denseWeight) {
        this(bm25K1, bm25B, denseCandidates, fusionDepth, rrfK, bm25Weight, denseWeight, true);
    }

    public RetrievalSettings {
        if (!(bm25K1 >= 0) || !Float.isFinite(bm25K1)) {
            throw new IllegalArgumentException("retrieval.bm25.k1 must be >= 0, got " + bm25K1);
        }
        if (!(bm25B >= 0 && bm25B <= 1)) {
            throw new IllegalArgumentException("retrieval.bm25.b must be from 0 to 1, got " + bm25B);
        }
        dev.sluice.core.Checks.inRange("retrieval.denseCandidates", denseCandidates, 1, 10_000);
        dev.sluice.core.Checks.inRange("retrieval.fusionDepth", fusionDepth, 1, 10_000);
        dev.sluice.core.Checks.positive("retrieval.rrfK", rrfK);
        if (!(bm25Weight >= 0 && denseWeight >= 0 && bm25Weight + denseWeight > 0)) {
            throw new IllegalArgumentException("retrieval.bm25Weight and denseWeight must be >= 0 and not both 0, got "
                    + bm25Weight + " and " + denseWeight);
        }
    }

    /** Whether BM25 scores with Lucene's default parameters. */
    public boolean defaultBm25() {
        return bm25K1 == DEFAULTS.bm25K1 && bm25B == DEFAULTS.bm25B;
    }

    public RetrievalSettings withBm25(float k1, float b) {
        return new RetrievalSettings(k1, b, denseCandidates, fusionDepth, rrfK, bm25Weight, denseWeight, documentMatch);
    }

    public RetrievalSettings withDenseCandidates(int candidates) {
        return new RetrievalSettings(
                bm25K1, bm25B, candidates, fusionDepth, rrfK, bm25Weight, denseWeight, documentMatch);
    }

    public RetrievalSettings withFusion(int depth, int k, double bm25, double dense) {
        return new RetrievalSettings(
                bm25K1, bm25B, Math.max(denseCandidates, depth), depth, k, bm25, dense, documentMatch);
    }

    public RetrievalSettings withDocumentMatch(boolean on) {
        return new RetrievalSettings(bm25K1, bm25B, denseCandidates, fusionDepth, rrfK, bm25Weight, denseWeight, on);
    }

    /** The settings as a {@code retrieval:} section of sluice.yaml. */
    public String toYaml() {
        return String.format(
                Locale.ROOT,
                "retrieval:%n  bm25:%n    k1: %s%n    b: %s%n  denseCandidates: %d%n  fusionDepth: %d%n  rrfK: %d%n"
                        + "  bm25Weight: %s%n  denseWeight: %s%n  documentMatch: %s%n",
                bm25K1,
                bm25B,
                denseCandidates,
                fusionDepth,
                rrfK,
                bm25Weight,
                denseWeight,
                documentMatch);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "bm25 k1=%s b=%s, dense candidates %d, fusion depth %d, rrf k=%d, weights bm25 %s dense %s%s",
                bm25K1,
                bm25B,
                denseCandidates,
                fusionDepth,
                rrfK,
                bm25Weight,
                denseWeight,
                documentMatch ? "" : ", no document match");
    }
}
