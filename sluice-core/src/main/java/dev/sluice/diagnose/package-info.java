/**
 * Diagnosis of a bad answer: which layer of the pipeline it comes from, with evidence and one fix.
 * Given the question, the document the answer should have rested on (and optionally a phrase of it,
 * the recorded answer and the asking key), {@link dev.sluice.diagnose.Diagnoser} reruns the question as
 * it was answered (the service's answer settings, the asking key's access inside every search) and walks
 * the layers in order, stopping at the first that fails:
 *
 * <table>
 *   <caption>Layers and causes</caption>
 *   <tr><th>layer</th><th>cause</th><th>found when</th></tr>
 *   <tr><td>data</td><td>never_seen</td><td>the file is under a source, would be listed, but no run ingested it</td></tr>
 *   <tr><td>data</td><td>excluded_by_rules</td><td>include/exclude globs, .gitignore or a hidden name leave it out</td></tr>
 *   <tr><td>data</td><td>quarantined</td><td>the catalog holds it quarantined, with its reason</td></tr>
 *   <tr><td>data</td><td>deleted</td><td>a run removed it (the catalog remembers removals), or its file is gone but a sync is pending</td></tr>
 *   <tr><td>data</td><td>not_visible</td><td>the asking key's principal and groups may not read it</td></tr>
 *   <tr><td>data</td><td>text_not_in_document</td><td>the expected phrase is in no chunk of the current, indexed document</td></tr>
 *   <tr><td>staleness</td><td>changed_since_indexed</td><td>the file's size and time (and content hash, when recorded) differ from the catalog's</td></tr>
 *   <tr><td>staleness</td><td>other_model / other_chunker</td><td>embedded or chunked otherwise than configured now</td></tr>
 *   <tr><td>staleness</td><td>source_sync_failed / freshness_breached</td><td>its source's last sync failed, or is older than its target</td></tr>
 *   <tr><td>retrieval</td><td>split_across_chunks</td><td>not in the top k, and the phrase lies only across two neighbouring chunks</td></tr>
 *   <tr><td>retrieval</td><td>not_in_top_k</td><td>bm25 or dense alone ranks it within k, or its best rank is within 2k</td></tr>
 *   <tr><td>retrieval</td><td>vocabulary_mismatch</td><td>ranked lower, and the question shares no analysed word with its chunk</td></tr>
 *   <tr><td>retrieval</td><td>semantic_miss</td><td>ranked lower although the question shares words with its chunk</td></tr>
 *   <tr><td>context</td><td>relevance_floor</td><td>the best similarity was under the floor: nothing reached the answer</td></tr>
 *   <tr><td>context</td><td>context_budget / duplicate</td><td>retrieved, but the context builder dropped it for the budget, or as a copy of a kept passage</td></tr>
 *   <tr><td>context</td><td>cut</td><td>the context holds the document, but not the chunk with the phrase</td></tr>
 *   <tr><td>contradiction</td><td>conflicting_sources</td><td>the conflict detector finds a passage that disagrees with the expected document's</td></tr>
 *   <tr><td>model</td><td>unverifiable_citations</td><td>a citation check of the rerun (any draft) failed</td></tr>
 *   <tr><td>model</td><td>not_found_despite_context</td><td>the answer says "not found" while the context held the passage</td></tr>
 *   <tr><td>model</td><td>unsupported_claim</td><td>a model sentence whose own words are mostly absent from the passages it cites</td></tr>
 *   <tr><td>model</td><td>expected_not_cited</td><td>the answer rests on other passages of its context</td></tr>
 *   <tr><td>none</td><td>rests_on_expected</td><td>the answer cites the expected document</td></tr>
 * </table>
 *
 * <p>Without an expected document (a thumbs-down that names none), {@link
 * dev.sluice.diagnose.Diagnoser#withoutExpected} checks what the recorded answer's own documents and a
 * rerun can tell, with the same layers and codes where they apply, plus {@code changed_since_answered}
 * (staleness: a document of its context re-indexed after the answer) and {@code needs_expected} (none:
 * nothing failed that can be seen without the expected document). Retrieval is never judged without it.
 * {@link dev.sluice.diagnose.FeedbackBreakdown} counts kept diagnoses per layer and week.
 *
 * <p>Access: the asker's access limits every search, as it did the answer. Whoever asks for the
 * diagnosis ({@link dev.sluice.diagnose.DiagnosisRequest#viewerTokens}) learns nothing of a document
 * they may not read: an expected document hidden from them fails exactly as an unknown one, and other
 * documents' paths and passages in the evidence are left out. {@code not_visible} is thus only ever
 * told to a viewer who may read the document.
 *
 * <p>Traps: a rerun costs what the answer cost (the gateway's cache usually answers it) and is charged
 * to the asking key, so the budget that shaped the answer shapes the rerun. Without a conflict detector
 * the contradiction layer is skipped and the evidence says so. The ranks per mode come from a search
 * 1000 deep, whose fusion can order the head slightly otherwise than the answer's k-deep search; the
 * pass or fail of retrieval is decided on the answer's own search.
 *
 * <p>{@code Diagnoser} walks data and staleness, {@code AnswerPath} retrieval, context, contradiction
 * and model from one rerun; {@code SourceFiles} says where a document's file is and whether it changed
 * since it was indexed (for {@code Diagnoser} and {@code WithoutExpected}), and the shared pieces of evidence are in {@code Findings}.
 * {@code AnswerPath} walks its layers in order, one method per layer, adding to one evidence map and
 * stopping at the first failure; the retrieval layer's causes (split across chunks, a collapsed
 * near-duplicate, just below the cut, vocabulary, semantic miss) are decided in {@code RetrievalCauses}.
 */
package dev.sluice.diagnose;
