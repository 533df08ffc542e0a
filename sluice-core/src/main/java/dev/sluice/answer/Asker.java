package dev.sluice.answer;

import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.ConflictDetector;
import dev.sluice.conflict.SentenceConflicts;
import dev.sluice.observe.Traces;
import dev.sluice.retrieve.Reranker;
import dev.sluice.retrieve.RerankingRetriever;
import dev.sluice.retrieve.Retriever;
import dev.sluice.retrieve.SearchFilters;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * Answers a question from the knowledge base: retrieve (hybrid), check that something relevant
 * enough was found (the best dense similarity against a threshold), build the numbered context,
 * answer, and verify the citations before returning. Without a language model the answer is
 * extractive; it is checked all the same. When passages of the context disagree on what was asked (a
 * {@link ConflictDetector} finds them), the answer says so and cites both sides: a sentence such as
 * "Sources disagree on parental leave: [1] says 16 weeks, [3] says 12 weeks." follows its text, and
 * {@link Answer#conflicts()} carries them.
 */
public final class Asker {
    /**
     * @param k passages retrieved
     * @param maxContextTokens estimated tokens of passages in the context
     * @param minSimilarity the best chunk's cosine similarity to the question below which the answer
     *     is "not found" rather than a guess; null for the model's own floor
     * @param filters metadata filters, applied inside the index query
     */
    public record Options(int k, int maxContextTokens, Double minSimilarity, SearchFilters filters) {
        public static final Options DEFAULTS = new Options(8, 3000, null, SearchFilters.NONE);

        public Options {
            dev.sluice.core.Checks.inRange("answer.k", k, 1, 100);
            dev.sluice.core.Checks.positive("answer.maxContextTokens", maxContextTokens);
            if (minSimilarity != null && !(minSimilarity >= -1 && minSimilarity <= 1)) {
                throw new IllegalArgumentException("answer.minSimilarity must be from -1 to 1, got " + minSimilarity);
            }
            filters = filters == null ? SearchFilters.NONE : filters;
        }
    }

    public static final String NOT_FOUND =
            "The knowledge base has nothing relevant enough to answer this; no answer is better than a guess.";

    private final Retriever retriever;
    private final double defaultFloor;
    private final java.util.function.Function<SearchHit, List<SearchHit>> neighbours;
    private final ConflictDetector conflicts;
    private final Reranker reranker;
    private final int rerankCandidates;
    private final ExtractiveAnswerer extractive;
    private final CitationVerifier verifier = new CitationVerifier();

    /**
     * @param retriever serves dense and hybrid searches (the index's model loaded)
     * @param defaultFloor the relevance floor when the options give none: the model's
     */
    public Asker(Retriever retriever, double defaultFloor) {
        this(retriever, defaultFloor, hit -> List.of());
    }

    /**
     * @param neighbours the chunks before and after a chunk in its document, for widening the context
     *     (see {@link ContextBuilder#build(List, java.util.function.Function)})
     */
    public Asker(
            Retriever retriever,
            double defaultFloor,
            java.util.function.Function<SearchHit, List<SearchHit>> neighbours) {
        this(retriever, defaultFloor, neighbours, new SentenceConflicts());
    }

    /** @param conflicts finds the passages of a context that disagree (the deterministic detector, or one with a judge) */
    public Asker(
            Retriever retriever,
            double defaultFloor,
            java.util.function.Function<SearchHit, List<SearchHit>> neighbours,
            ConflictDetector conflicts) {
        this(retriever, defaultFloor, neighbours, conflicts, null, 0, new ExtractiveAnswerer());
    }

    private Asker(
            Retriever retriever,
            double defaultFloor,
            java.util.function.Function<SearchHit, List<SearchHit>> neighbours,
            ConflictDetector conflicts,
            Reranker reranker,
            int rerankCandidates,
            ExtractiveAnswerer extractive) {
        this.extractive = extractive;
        this.retriever = retriever;
        this.defaultFloor = defaultFloor;
        this.neighbours = neighbours;
        this.conflicts = java.util.Objects.requireNonNull(conflicts, "conflicts");
        this.reranker = reranker;
        this.rerankCandidates = rerankCandidates;
    }

    /**
     * This asker with the context's passages reranked: the hybrid search fetches at least {@code candidates}
     * hits, the reranker reorders them, and the best k make the context (see {@link RerankingRetriever}).
     * The relevance check still reads the best dense similarity, which reranking does not change.
     *
     * @param reranker the reranker, or null for none
     * @param candidates the first stage's best hits the reranker sees (retrieval.rerank.candidates)
     */
    public Asker withReranker(Reranker reranker, int candidates) {
        if (reranker != null) {
            dev.sluice.core.Checks.inRange("retrieval.rerank.candidates", candidates, 2, 1000);
        }
        return new Asker(retriever, defaultFloor, neighbours, conflicts, reranker, candidates, extractive);
    }

    /**
     * This asker with extractive answers matching question and sentences in {@code indexLanguage}: the
     * language the searched index records (English by default).
     */
    public Asker analyzedAs(dev.sluice.index.IndexLanguage indexLanguage) {
        ExtractiveAnswerer inLanguage = new ExtractiveAnswerer(indexLanguage);
        return new Asker(retriever, defaultFloor, neighbours, conflicts, reranker, rerankCandidates, inLanguage);
    }

    public Answer ask(String question, Options options) {
        return ask(question, options, null);
    }

    /**
     * Answers with {@code model} when given: the cheaper model first, the stronger one only when the
     * first answer fails its citation check; an extractive answer when no model answer holds or no
     * model call can be made (budget, breaker, failures), with the reason in the note.
     */
    public Answer ask(String question, Options options, ModelAnswerer model) {
        return ask(question, options, model, null);
    }

    /**
     * As {@link #ask(String, Options, ModelAnswerer)}, passing the model's text to {@code onDelta} as
     * it is written (null: no streaming). Those pieces are unchecked drafts: the returned answer is the
     * checked one, and it may differ (repaired, escalated, or extractive after a failed check).
     */
    public Answer ask(
            String question, Options options, ModelAnswerer model, java.util.function.Consumer<String> onDelta) {
        List<SearchHit> best = retriever.search(new SearchRequest(question, SearchMode.DENSE, 1, options.filters()));
        double similarity = best.isEmpty() ? -1 : best.getFirst().score();
        double floor = options.minSimilarity() != null ? options.minSimilarity() : defaultFloor;
        Span operation = Span.current();
        operation.setAttribute("sluice.answer.top_similarity", similarity);
        operation.setAttribute("sluice.answer.relevance_floor", floor);
        if (similarity < floor) {
            return notFound(
                    question,
                    String.format(
                            java.util.Locale.ROOT,
                            "best passage similarity %.3f is below the threshold %.2f",
                            similarity,
                            floor),
                    similarity,
                    List.of(),
                    null,
                    null);
        }
        SearchRequest search = new SearchRequest(question, SearchMode.HYBRID, options.k(), options.filters());
        List<SearchHit> hits = reranker == null
                ? retriever.search(search)
                : new RerankingRetriever(retriever, reranker, rerankCandidates).search(search);
        List<ContextChunk> context;
        Span contextSpan = Traces.child("answer.context");
        try {
            ContextBuilder builder = new ContextBuilder(options.k(), options.maxContextTokens());
            context = builder.build(hits, neighbours);
            contextSpan.setAttribute("sluice.context.candidates", hits.size());
            contextSpan.setAttribute("sluice.context.kept", context.size());
            Traces.strings(
                    contextSpan,
                    "sluice.context.kept_chunk_ids",
                    context.stream().map(c -> c.hit().chunkId()).toList(),
                    50);
            Traces.strings(
                    contextSpan,
                    "sluice.context.dropped_chunk_ids",
                    List.copyOf(builder.dropped().keySet()),
                    50);
            Traces.strings(
                    contextSpan,
                    "sluice.context.dropped_reasons",
                    List.copyOf(builder.dropped().values()),
                    50);
            contextSpan.setAttribute("sluice.context.max_tokens", options.maxContextTokens());
            Traces.strings(
                    contextSpan,
                    "sluice.context.candidate_chunk_ids",
                    hits.stream().map(SearchHit::chunkId).toList(),
                    50);
        } finally {
            contextSpan.end();
        }
        List<Conflict> found = conflicts(question, context);
        return warned(answer(question, context, model, similarity, onDelta), found, context, onDelta);
    }

    private Answer answer(
            String question,
            List<ContextChunk> context,
            ModelAnswerer model,
            double similarity,
            java.util.function.Consumer<String> onDelta) {
        if (model == null) {
            return extractive(question, context, "extractive: no language model configured", similarity);
        }
        try {
            Answer first = byModel(question, context, model, model.model(), similarity, onDelta);
            if (clean(first)) {
                return first;
            }
            if (model.strongModel() != null) {
                Answer strong = byModel(question, context, model, model.strongModel(), similarity, onDelta);
                if (clean(strong) || strong.kind() == Answer.Kind.MODEL) {
                    return withNote(
                            strong,
                            strong.note() + "; escalated from " + model.model()
                                    + " after its answer failed the citation check");
                }
            }
            if (first.kind() == Answer.Kind.MODEL) {
                return first; // repaired: the failing sentences were removed, the rest holds
            }
            return extractive(
                    question,
                    context,
                    "the model's answer failed its citation check (" + String.join("; ", first.problems())
                            + "); extractive answer instead",
                    similarity);
        } catch (dev.sluice.llm.LlmException e) {
            return extractive(
                    question,
                    context,
                    "model unavailable (" + e.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": "
                            + e.getMessage() + "); extractive answer instead",
                    similarity);
        }
    }

    /** The conflicts among the context's passages, traced as {@code answer.conflicts}. */
    private List<Conflict> conflicts(String question, List<ContextChunk> context) {
        Span span = Traces.child("answer.conflicts");
        io.opentelemetry.context.Scope scope = span.makeCurrent(); // a judge's model calls are its children
        try {
            List<Conflict> found = conflicts.find(question, ConflictWarning.passages(context));
            span.setAttribute("sluice.conflicts.found", found.size());
            Traces.strings(
                    span,
                    "sluice.conflicts.kinds",
                    found.stream().map(Conflict::kind).toList(),
                    20);
            Traces.strings(
                    span,
                    "sluice.conflicts.chunk_ids",
                    found.stream().map(c -> c.a().id() + " <> " + c.b().id()).toList(),
                    20);
            return found;
        } catch (RuntimeException e) {
            Traces.fail(span, e);
            throw e;
        } finally {
            scope.close();
            span.end();
        }
    }

    /**
     * The answer with the conflicts of its context: its text gains the warning, citing both sides, and its
     * citations the passages of both sides. A "not found" answer stays as it is. The warning is checked
     * like any sentence of an answer; one that would not pass (it cannot, as it is built) is left out of
     * the text, and the answer still carries the conflicts.
     */
    private Answer warned(
            Answer answer,
            List<Conflict> found,
            List<ContextChunk> context,
            java.util.function.Consumer<String> onDelta) {
        if (found.isEmpty() || answer.kind() == Answer.Kind.NOT_FOUND) {
            return answer;
        }
        String warning = ConflictWarning.text(found, context);
        String text = answer.text();
        List<Citation> citations = answer.citations();
        if (!warning.isEmpty() && verifier.verify(warning, context).passedAsIs()) {
            text = text + " " + warning;
            java.util.Set<Integer> numbers = new java.util.TreeSet<>();
            citations.forEach(c -> numbers.add(c.number()));
            numbers.addAll(ConflictWarning.cited(found, context));
            citations = context.stream()
                    .filter(c -> numbers.contains(c.number()))
                    .map(Citation::of)
                    .toList();
            if (onDelta != null && answer.kind() == Answer.Kind.MODEL) {
                onDelta.accept(" " + warning);
            }
        }
        return new Answer(
                answer.question(),
                text,
                answer.kind(),
                citations,
                answer.grounded(),
                answer.problems(),
                answer.note(),
                answer.topSimilarity(),
                answer.model(),
                answer.promptVersion(),
                answer.context(),
                found);
    }

    /** A model answer whose citations held as written, or the model's own "not in the passages". */
    private static boolean clean(Answer a) {
        return a.problems().isEmpty() && (a.kind() == Answer.Kind.MODEL || a.kind() == Answer.Kind.NOT_FOUND);
    }

    private Answer byModel(
            String question,
            List<ContextChunk> context,
            ModelAnswerer model,
            String which,
            double similarity,
            java.util.function.Consumer<String> onDelta) {
        String text = onDelta == null
                ? model.answer(question, context, which)
                : model.answerStreaming(question, context, which, onDelta);
        if (text == null) {
            return notFound(
                    question,
                    "the model (" + which + ") found no answer in the passages",
                    similarity,
                    List.of(),
                    which,
                    model.promptVersion());
        }
        Answer checked = verified(
                question,
                text,
                Answer.Kind.MODEL,
                context,
                "model " + which + ", prompt " + model.promptVersion(),
                similarity);
        return new Answer(
                checked.question(),
                checked.text(),
                checked.kind(),
                checked.citations(),
                checked.grounded(),
                checked.problems(),
                checked.note(),
                similarity,
                which,
                model.promptVersion(),
                context);
    }

    /**
     * The extractive answer, checked span by span: exactly the sentences it took, not its joined text
     * split again. The context passed the relevance floor, so a check that refuses it (which verbatim
     * sentences cannot fail) never turns into "nothing relevant": the answer stays, marked not grounded.
     */
    private Answer extractive(String question, List<ContextChunk> context, String note, double similarity) {
        List<String> sentences = extractive.sentences(question, context);
        String text = String.join(" ", sentences);
        Answer checked = checked(
                question,
                text,
                Answer.Kind.EXTRACTIVE,
                context,
                note,
                similarity,
                () -> verifier.verify(sentences, context));
        if (checked.kind() != Answer.Kind.NOT_FOUND) {
            return checked;
        }
        return new Answer(
                question,
                text,
                Answer.Kind.EXTRACTIVE,
                context.stream()
                        .filter(c -> CitationVerifier.numbers(text).contains(c.number()))
                        .map(Citation::of)
                        .toList(),
                false,
                checked.problems(),
                note + "; the citation check could not confirm these extracted sentences ("
                        + String.join("; ", checked.problems()) + ")",
                similarity,
                null,
                null,
                context);
    }

    private static Answer notFound(
            String question, String note, double similarity, List<String> problems, String model, String prompt) {
        return new Answer(
                question,
                NOT_FOUND,
                Answer.Kind.NOT_FOUND,
                List.of(),
                true,
                problems,
                note,
                similarity,
                model,
                prompt,
                List.of());
    }

    private static Answer withNote(Answer a, String note) {
        return new Answer(
                a.question(),
                a.text(),
                a.kind(),
                a.citations(),
                a.grounded(),
                a.problems(),
                note,
                a.topSimilarity(),
                a.model(),
                a.promptVersion(),
                a.context());
    }

    /** Checks the citations of {@code text}; repairs or refuses as {@link CitationVerifier} decides. */
    Answer verified(
            String question,
            String text,
            Answer.Kind kind,
            List<ContextChunk> context,
            String note,
            double similarity) {
        return checked(question, text, kind, context, note, similarity, () -> verifier.verify(text, context));
    }

    /** The answer as {@code check}'s verdict on {@code text} leaves it, the check traced as {@code answer.citations}. */
    private Answer checked(
            String question,
            String text,
            Answer.Kind kind,
            List<ContextChunk> context,
            String note,
            double similarity,
            java.util.function.Supplier<CitationVerifier.Verdict> check) {
        CitationVerifier.Verdict verdict;
        Span span = Traces.child("answer.citations");
        try {
            verdict = check.get();
            span.setAttribute("sluice.citations.cited", verdict.cited().size());
            span.setAttribute("sluice.citations.refused", verdict.refused());
            span.setAttribute(
                    "sluice.citations.outcome",
                    verdict.refused() ? "refused" : verdict.passedAsIs() ? "passed" : "repaired");
            Traces.strings(span, "sluice.citations.problems", verdict.problems(), 20);
        } finally {
            span.end();
        }
        if (verdict.refused()) {
            return new Answer(
                    question,
                    NOT_FOUND,
                    Answer.Kind.NOT_FOUND,
                    List.of(),
                    false,
                    verdict.problems(),
                    "refused: the answer's citations did not hold",
                    similarity,
                    null,
                    null,
                    context);
        }
        List<Citation> citations = context.stream()
                .filter(c -> verdict.cited().contains(c.number()))
                .map(Citation::of)
                .toList();
        return new Answer(
                question,
                verdict.text(),
                kind,
                citations,
                true,
                verdict.problems(),
                verdict.passedAsIs()
                        ? note
                        : note + "; repaired: " + verdict.problems().size() + " sentence(s) removed",
                similarity,
                null,
                null,
                context);
    }
}
