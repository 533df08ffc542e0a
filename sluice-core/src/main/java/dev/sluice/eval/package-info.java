/**
 * Evaluation: eval sets, retrieval metrics computed exactly as trec_eval computes them, and paired
 * comparison of two runs. The metrics, readers, {@link dev.sluice.eval.Gate} and {@link
 * dev.sluice.eval.PairedComparison} are pure; {@link dev.sluice.eval.EvalRunner} retrieves from an
 * index (query vectors computed once for the dense and hybrid modes, queries searched in
 * parallel), {@link dev.sluice.eval.RunComparison} compares runs stored in the catalog, and {@link
 * dev.sluice.eval.BeirCorpusSource} turns a BEIR corpus into a source whose document paths are the
 * corpus ids.
 *
 * <h2>Flow</h2>
 *
 * <pre>{@code
 * EvalSet set = EvalSetReader.readBeir(Path.of("scifact"), "test");   // or readJsonl(file)
 * set.checkDocumentIds(idsInTheIndex);                                 // fail early on a wrong corpus
 * Map<String, Ranking> run = ...;  // query id -> DocumentRanking.fromChunkHits(hits) or Ranking.byScore(docs)
 * List<Metric> metrics = List.of(Metric.parse("ndcg@10"), Metric.parse("recall@100"), Metric.parse("map"));
 * Evaluation eval = MetricsCalculator.evaluate(set, run, metrics);
 * eval.means();                                                       // {ndcg@10=0.61, ...}
 * PairedComparison.perMetric(baselineEval, eval, PairedComparison.DEFAULT_RESAMPLES, 42L);
 * }</pre>
 *
 * <h2>Metrics (per query; trec_eval name in brackets)</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.eval.NdcgAtK ndcg@k} [{@code ndcg_cut.k}]: DCG@k / ideal DCG@k, gain =
 *       grade, discount {@code log2(rank + 1)} with ranks from 1; the ideal ranking takes the
 *       query's relevant grades, highest first, cut at k.
 *   <li>{@link dev.sluice.eval.RecallAtK recall@k} [{@code recall.k}]: relevant in top k / all
 *       relevant.
 *   <li>{@link dev.sluice.eval.PrecisionAtK p@k} [{@code P.k}]: relevant in top k / k, even when
 *       fewer than k were retrieved.
 *   <li>{@link dev.sluice.eval.MrrAtK mrr@k}: 1 / rank of the first relevant document within the top
 *       k, else 0. trec_eval's {@code recip_rank} has no cutoff (it is mrr@∞).
 *   <li>{@link dev.sluice.eval.HitAtK hit@k} [{@code success.k}]: 1 if any relevant document is in
 *       the top k.
 *   <li>{@link dev.sluice.eval.AveragePrecision map} [{@code map}]: precision at each relevant
 *       retrieved document, summed over the whole ranking, divided by all relevant documents.
 * </ul>
 *
 * <h2>Pages and passages (no trec_eval counterpart)</h2>
 *
 * <p>A Sluice JSON-lines set may judge below the document: {@code {"doc": "a.pdf", "page": 60}} or
 * {@code {"doc": "a.pdf", "passage": "..."}} ({@link dev.sluice.eval.Evidence}). Each such entry also
 * makes its document relevant, so the document metrics above are unchanged by it. The page metrics
 * count <em>chunks</em>, in the retriever's order, before {@link dev.sluice.eval.DocumentRanking}
 * groups them: {@link dev.sluice.eval.EvalRunner} finds, for each evidence item, the rank of the first
 * chunk covering it (same document, and pages {@code pageStart..pageEnd} include the page, or the
 * {@linkplain dev.sluice.eval.Evidence#normalize normalized} text contains the passage), and the
 * document {@link dev.sluice.eval.Ranking} carries those ranks to {@link dev.sluice.eval.JudgedRanking}.
 *
 * <ul>
 *   <li>{@link dev.sluice.eval.PageHitAtK page_hit@k}: 1 if a chunk among the top k covers an item.
 *   <li>{@link dev.sluice.eval.PageRecallAtK page_recall@k}: items covered by the top k chunks / all
 *       the query's items.
 *   <li>{@link dev.sluice.eval.PageMrrAtK page_mrr@k}: 1 / rank of the first covering chunk within k.
 * </ul>
 *
 * <p>They need evidence for every query ({@link dev.sluice.eval.EvalSet#requireEvidenceFor}): a query
 * without could only score 0. A judged page beyond the last page a document's chunks reach is refused
 * before searching ({@link dev.sluice.eval.EvalSet#checkPages}, fed by {@code ChunkIndex.lastPages}).
 *
 * <h2>trec_eval conventions kept</h2>
 *
 * <ul>
 *   <li><b>Relevance</b>: grade {@code > 0} is relevant ({@code -l 1}); grades {@code <= 0} and
 *       unjudged documents are non-relevant and give no gain.
 *   <li><b>Order and ties</b>: {@link dev.sluice.eval.Ranking#byScore} sorts by score descending
 *       and breaks ties by document id in <em>decreasing</em> order, as trec_eval's {@code
 *       comp_sim_docno} ({@code strcmp(docno2, docno1)}); ids are compared by code point, the order
 *       of {@code strcmp} on UTF-8. So among tied documents "d9" ranks above "d10" and "b" above
 *       "a". The rank a retriever reported is ignored, as trec_eval ignores a run's rank column.
 *   <li><b>Duplicates in a ranking</b>: trec_eval rejects the run; Sluice keeps the first
 *       (highest-scoring) occurrence. {@link dev.sluice.eval.DocumentRanking#fromChunkHits} relies
 *       on this: a document takes the score, and thus the rank, of its best chunk.
 *   <li><b>Queries without relevant documents</b> (judged, but every grade {@code <= 0}): they stay
 *       in the average with 0 for every metric, as in trec_eval, where they are in the qrels and so
 *       are evaluated. The readers never produce a query without any judgment.
 *   <li><b>Averaging</b>: the mean over every query of the eval set; a query the run did not answer,
 *       or answered with nothing, scores 0. This equals {@code trec_eval -c}. Plain trec_eval
 *       averages only over queries present in both run and qrels, so it reports higher figures for
 *       runs that skip queries.
 * </ul>
 *
 * <h2>Traps</h2>
 *
 * <ul>
 *   <li>trec_eval prints four decimals; values here are full doubles. Compare with a tolerance of
 *       5e-5 against trec_eval output.
 *   <li>Older trec_eval code left rank 1 undiscounted and divided by {@code log2(rank)} from rank
 *       2 on, so ranks 1 and 2 weighed the same; the current code ({@code m_ndcg_cut.c}: {@code
 *       gain / log2(i + 2)} for the 0-based index i) uses {@code log2(rank + 1)}, as here.
 *   <li>Qrels judging documents the index lacks usually mean the wrong corpus; {@link
 *       dev.sluice.eval.EvalSet#checkDocumentIds} names the first one.
 *   <li>FinanceBench and many PDF tools count pages from 0; Sluice counts from 1, as PDF viewers do.
 *       {@link dev.sluice.eval.FinanceBenchImport} adds the 1; a hand-written set that forgets it is
 *       off by one page, which page metrics punish and {@code checkPages} only catches on the last page.
 * </ul>
 */
package dev.sluice.eval;
