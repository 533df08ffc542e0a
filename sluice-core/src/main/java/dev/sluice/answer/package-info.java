/**
 * Answers from the knowledge base, with citations that are checked before anyone sees them.
 *
 * <h2>Flow</h2>
 *
 * {@link dev.sluice.answer.Asker} first checks that something relevant enough exists (the best dense
 * similarity against the model's floor), then builds the numbered context ({@link
 * dev.sluice.answer.ContextBuilder}: duplicates dropped, a token budget, neighbouring chunks of the same
 * section), then answers: extractively ({@link dev.sluice.answer.ExtractiveAnswerer}, sentences of the
 * passages as they are) or through a language model ({@link dev.sluice.answer.ModelAnswerer}, the
 * versioned {@code answer} prompt sent through the LLM gateway, a stronger model when the first answer
 * fails its check). Every answer goes through {@link dev.sluice.answer.CitationVerifier}: each {@code
 * [n]} must name a passage, each quotation must be in a cited passage; failing sentences are removed,
 * an answer left without a valid citation is refused, and a model answer that cannot be used falls
 * back to an extractive one whose note says why. When passages of the context disagree on what was
 * asked ({@link dev.sluice.conflict.SentenceConflicts}, or {@link dev.sluice.answer.JudgedConflicts}
 * with {@code llm.judgeConflicts}), the answer says so after its text, citing both sides, and carries
 * them in {@link dev.sluice.answer.Answer#conflicts()}.
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(config)) {   // the llm of sluice.yaml, if any, answers
 *     Answer answer = kb.ask("how do I install it?", Asker.Options.DEFAULTS);
 *     answer.text();       // "Run the installer [1]. ..."
 *     answer.citations();  // [1] -> chunk, document, path, pages, headings
 * }
 * }</pre>
 *
 * <p>With {@code retrieval.rerank.enabled}, the context's hybrid search is reranked first: {@link
 * dev.sluice.answer.ListwiseLlmReranker} shows the model the question and the numbered candidates
 * (each cut to {@code maxPassageChars}) with the versioned {@code rerank} prompt and reads back their
 * numbers in order, strictly; any failure keeps the search's order. It lives here rather than in
 * {@code retrieve} because it needs the gateway and the prompts, which come after retrieval.
 *
 * <p>{@link dev.sluice.answer.PromptLibrary} holds the versioned prompts (built in, overridden by
 * {@code prompts/*.md}); {@link dev.sluice.answer.AnswerJudge} scores answers with an LLM judge.
 *
 * <p>A passage that looks like it tries to instruct the model ({@link
 * dev.sluice.quality.InjectionScanner#flags}) goes into the answer, judge and rerank prompts fenced and
 * labelled as quoted data ({@link dev.sluice.answer.PassageFence}), under its usual number; the prompts
 * say that passages are data, never instructions. Citations are checked against the chunks, not the
 * prompt, so fencing changes neither numbering nor checks.
 *
 * <p>Traps: the relevance floor is the embedding model's own (similarities are spread differently per
 * model); quotes are matched ignoring case, whitespace and typographic quotes, nothing else.
 */
package dev.sluice.answer;
