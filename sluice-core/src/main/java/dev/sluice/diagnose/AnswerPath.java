package dev.sluice.diagnose;

import static dev.sluice.diagnose.Findings.map;
import static dev.sluice.diagnose.Findings.round;

import dev.sluice.answer.Answer;
import dev.sluice.answer.Asker;
import dev.sluice.answer.Citation;
import dev.sluice.answer.ContextBuilder;
import dev.sluice.answer.ContextChunk;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.ConflictDetector;
import dev.sluice.conflict.Passage;
import dev.sluice.core.AccessList;
import dev.sluice.retrieve.QueryTerms;
import dev.sluice.retrieve.SearchHit;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.retrieve.SearchRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The layers after the document is known to be indexed and current: retrieval (searched as the answer
 * searched, with the asker's access, and deeper for the ranks), context (rebuilt as the answer built
 * it), contradiction (the conflict detector over the context) and model (the rerun answer).
 */
final class AnswerPath {
    private static final List<SearchMode> MODES = List.of(SearchMode.BM25, SearchMode.DENSE, SearchMode.HYBRID);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern MARKERS = Pattern.compile("\\[\\d+(?:\\s*,\\s*\\d+)*]");

    private final DiagnosisSignals kb;
    private final ConflictDetector conflicts;
    private final Diagnoser.Asking asking;
    private final DocumentRecord doc;
    private final String display;
    private final DocumentChunks chunks;
    private final DiagnosisRequest request;

    AnswerPath(
            DiagnosisSignals kb,
            ConflictDetector conflicts,
            Diagnoser.Asking asking,
            ExpectedDocument.Catalogued doc,
            DocumentChunks chunks,
            DiagnosisRequest request) {
        this.kb = kb;
        this.conflicts = conflicts;
        this.asking = asking;
        this.doc = doc.record();
        this.display = doc.display();
        this.chunks = chunks;
        this.request = request;
    }

    Diagnosis walk(Map<String, Object> base, List<Layer> passed) {
        String question = asking.question();
        Asker.Options o = asking.options();
        Map<String, Object> evidence = new LinkedHashMap<>(base);

        // ---- retrieval: exactly the answer's search, then deeper in every mode for the ranks
        List<SearchHit> candidates = kb.search(new SearchRequest(question, SearchMode.HYBRID, o.k(), o.filters()));
        Map<String, Object> ranks = new LinkedHashMap<>();
        Map<String, Object> scores = new LinkedHashMap<>();
        Map<SearchMode, SearchHit> best = new LinkedHashMap<>();
        for (SearchMode mode : MODES) {
            List<SearchHit> hits = kb.search(new SearchRequest(question, mode, DocumentChunks.MOST, o.filters()));
            SearchHit first = hits.stream()
                    .filter(h -> h.documentUri().equals(doc.uri()))
                    .findFirst()
                    .orElse(null);
            if (first != null) {
                best.put(mode, first);
                ranks.put(mode.label(), first.rank());
                scores.put(mode.label(), Double.parseDouble(round(first.score())));
            }
        }
        List<String> wouldFind = new ArrayList<>();
        best.forEach((mode, hit) -> {
            if (mode != SearchMode.HYBRID && hit.rank() <= o.k()) {
                wouldFind.add(mode.label());
            }
        });
        evidence.put("k", o.k());
        evidence.put("ranks", ranks);
        evidence.put("scores", scores);
        evidence.put("wouldFind", wouldFind);
        if (chunks.expectText() != null) {
            evidence.put("expectTextChunks", chunks.isSplit() ? chunks.split() : chunks.holders());
            evidence.put("split", chunks.isSplit());
        }
        if (candidates.stream().noneMatch(h -> h.documentUri().equals(doc.uri()))) {
            return new RetrievalCauses(kb, asking, doc, display, chunks, this::shownPath)
                    .failure(evidence, passed, best, wouldFind, o.k());
        }
        passed.add(Layer.RETRIEVAL);

        // ---- context: the rerun's floor, then the context rebuilt as the answer builds it
        DiagnosisSignals.Rerun rerun =
                kb.ask(question, o, asking.key() == null ? null : asking.key().id());
        Answer answer = rerun.answer();
        evidence.put("rerun", rerunView(rerun));
        double floor = o.minSimilarity() != null ? o.minSimilarity() : kb.relevanceFloor();
        Diagnosis belowFloor = Findings.belowFloor(
                evidence,
                passed,
                answer.topSimilarity(),
                floor,
                "make " + doc.path() + " state the answer in the question's terms, or lower the floor"
                        + " (sluice ask --min-similarity) if such questions are expected");
        if (belowFloor != null) {
            return belowFloor;
        }
        ContextBuilder builder = new ContextBuilder(o.k(), o.maxContextTokens());
        List<ContextChunk> context = builder.build(candidates, kb::neighbours);
        Map<String, String> dropped = builder.dropped();
        List<String> docInContext = context.stream()
                .filter(c -> c.hit().documentUri().equals(doc.uri()))
                .map(c -> c.hit().chunkId())
                .toList();
        evidence.put(
                "context",
                context.stream()
                        .filter(c -> shown(c.hit().documentUri()))
                        .map(c -> c.hit().chunkId())
                        .toList());
        evidence.put("maxContextTokens", o.maxContextTokens());
        if (docInContext.isEmpty()) {
            return contextLost(evidence, passed, candidates, context, dropped, o);
        }
        if (chunks.expectText() != null && !textInContext(docInContext)) {
            SearchHit holder = chunks.holder();
            String fate = holder == null ? "not found" : fate(holder.chunkId(), candidates, dropped);
            evidence.put("expectedChunk", holder == null ? null : holder.chunkId());
            evidence.put("expectedChunkFate", fate);
            return new Diagnosis(
                    Layer.CONTEXT,
                    "cut",
                    "the context holds " + docInContext.size() + " passage(s) of " + display
                            + " but not the one with \"" + chunks.expectText() + "\""
                            + (chunks.isSplit() ? " (split across two chunks)" : ""),
                    evidence,
                    "the chunk holding the text (" + fate + ") did not reach the context: "
                            + (chunks.isSplit()
                                    ? "raise chunking.overlapTokens so the text stays in one chunk, then run sluice sync"
                                    : "ask with a larger k, or make that passage carry the question's words"),
                    passed);
        }
        passed.add(Layer.CONTEXT);

        // ---- contradiction: passages of other documents that disagree with the expected one
        if (conflicts == null) {
            evidence.put("contradiction", "not checked: no conflict detector");
        } else {
            List<Passage> passages = context.stream()
                    .map(c -> {
                        DocumentRecord d = kb.catalog().document(c.hit().documentUri());
                        return new Passage(
                                c.hit().chunkId(),
                                c.hit().documentUri(),
                                d == null ? null : d.contentHash(),
                                c.hit().text());
                    })
                    .toList();
            List<Conflict> found = conflicts.find(question, passages).stream()
                    .filter(c -> c.a().documentUri().equals(doc.uri())
                            || c.b().documentUri().equals(doc.uri()))
                    .toList();
            if (!found.isEmpty()) {
                Conflict first = found.getFirst();
                Passage other = first.a().documentUri().equals(doc.uri()) ? first.b() : first.a();
                evidence.put("conflicts", found.stream().map(this::conflictView).toList());
                return new Diagnosis(
                        Layer.CONTRADICTION,
                        "conflicting_sources",
                        "the context disagrees on " + first.subject() + ": \"" + first.valueA() + "\" against \""
                                + first.valueB() + "\"",
                        evidence,
                        "decide which of " + doc.path() + " and " + shownPath(other.documentUri()) + " is right about "
                                + first.subject() + ", correct or remove the other, then run sluice sync",
                        passed);
            }
            passed.add(Layer.CONTRADICTION);
        }

        // ---- model: the rerun answer against the context that held the expected passage
        return model(evidence, passed, rerun, context, docInContext);
    }

    private Diagnosis contextLost(
            Map<String, Object> evidence,
            List<Layer> passed,
            List<SearchHit> candidates,
            List<ContextChunk> context,
            Map<String, String> dropped,
            Asker.Options o) {
        SearchHit lost = candidates.stream()
                .filter(h -> h.documentUri().equals(doc.uri()))
                .findFirst()
                .orElseThrow();
        String reason = dropped.getOrDefault(lost.chunkId(), "budget");
        evidence.put("droppedChunk", lost.chunkId());
        evidence.put("droppedRank", lost.rank());
        evidence.put("droppedReason", reason);
        if (reason.equals("duplicate")) {
            String same = Findings.normalize(lost.text());
            ContextChunk copy = context.stream()
                    .filter(c -> Findings.normalize(c.hit().text()).equals(same))
                    .findFirst()
                    .orElse(null);
            String copyPath =
                    copy == null ? "another document" : shownPath(copy.hit().documentUri());
            evidence.put(
                    "keptCopy",
                    copy == null || !shown(copy.hit().documentUri())
                            ? null
                            : copy.hit().chunkId());
            return new Diagnosis(
                    Layer.CONTEXT,
                    "duplicate",
                    "the passage of " + display + " (rank " + lost.rank() + ") was dropped as a duplicate of "
                            + copyPath,
                    evidence,
                    "the same text lives in " + copyPath + " and " + doc.path()
                            + ": remove the copy, or keep the text in one canonical document, then run sluice sync",
                    passed);
        }
        int used = context.stream()
                .mapToInt(c -> ContextBuilder.estimateTokens(c.hit().text()))
                .sum();
        evidence.put("contextTokens", used);
        return new Diagnosis(
                Layer.CONTEXT,
                "context_budget",
                "the passage of " + display + " (rank " + lost.rank() + ", about "
                        + ContextBuilder.estimateTokens(lost.text()) + " tokens) did not fit the context ("
                        + reason.replace('_', ' ') + ": " + used + " of " + o.maxContextTokens() + " tokens used)",
                evidence,
                "raise the context budget (now " + o.maxContextTokens()
                        + " tokens) or shorten chunks (chunking.maxTokens), then ask again",
                passed);
    }

    private Diagnosis model(
            Map<String, Object> evidence,
            List<Layer> passed,
            DiagnosisSignals.Rerun rerun,
            List<ContextChunk> context,
            List<String> docInContext) {
        Answer answer = rerun.answer();
        String by = answer.model() == null
                ? "the extractive answerer"
                : "the model " + answer.model() + " (prompt " + answer.promptVersion() + ")";
        Diagnosis citations = Findings.citationFailure(
                evidence,
                passed,
                rerun,
                "review the answer prompt (sluice prompts show answer) or set a stronger model to escalate to"
                        + " (llm.strongModel); the passages were right");
        if (citations != null) {
            return citations;
        }
        if (answer.kind() == Answer.Kind.NOT_FOUND) {
            return new Diagnosis(
                    Layer.MODEL,
                    "not_found_despite_context",
                    by + " said the passages hold no answer, though the context held " + docInContext.size()
                            + " passage(s) of " + display
                            + (chunks.expectText() == null ? "" : " with the expected text"),
                    evidence,
                    "the context was right: review the answer prompt (sluice prompts show answer) or try a stronger"
                            + " model (llm.strongModel)",
                    passed);
        }
        Diagnosis claim = unsupportedClaim(kb.indexLanguage(), asking.question(), answer, evidence, passed);
        if (claim != null) {
            return claim;
        }
        evidence.put(
                "cited",
                answer.citations().stream()
                        .filter(c -> shown(c.uri()))
                        .map(Citation::chunkId)
                        .toList());
        boolean restsOnExpected =
                answer.citations().stream().anyMatch(c -> c.uri().equals(doc.uri()));
        if (!restsOnExpected) {
            return new Diagnosis(
                    Layer.MODEL,
                    "expected_not_cited",
                    by + " answered from other passages, though " + display + " was in its context",
                    evidence,
                    "the context was right but the answer rests elsewhere: review the answer prompt (sluice prompts"
                            + " show answer), or remove what misleads it among the cited passages",
                    passed);
        }
        passed.add(Layer.MODEL);
        return new Diagnosis(
                Layer.NONE,
                "rests_on_expected",
                "the answer cites " + display + "; every layer holds",
                evidence,
                "",
                passed);
    }

    /**
     * {@code model} / {@code unsupported_claim} when a model answer has a sentence its cited passage does
     * not support (see {@link #unsupported}), words compared after the analysis of {@code language} (the
     * index's), with the claim added to {@code evidence};
     * null otherwise. Shared with the diagnosis without an expected document.
     */
    static Diagnosis unsupportedClaim(
            dev.sluice.index.IndexLanguage language,
            String question,
            Answer answer,
            Map<String, Object> evidence,
            List<Layer> passed) {
        Map<String, Object> claim = answer.kind() == Answer.Kind.MODEL ? unsupported(language, question, answer) : null;
        if (claim == null) {
            return null;
        }
        evidence.put("claim", claim);
        return new Diagnosis(
                Layer.MODEL,
                "unsupported_claim",
                "the answer says \"" + claim.get("sentence") + "\", which its cited passage does not support",
                evidence,
                "the cited passage does not say " + claim.get("unsupportedWords")
                        + ": review the answer prompt (sluice prompts show answer) or the model",
                passed);
    }

    /**
     * A sentence of a model answer most of whose own words (those not in the question) appear in none of
     * the passages it cites, with at least two such words; null when every sentence is covered. A
     * deterministic stand-in for a judge: it flags invented facts, not paraphrase of a few words.
     */
    static Map<String, Object> unsupported(dev.sluice.index.IndexLanguage language, String question, Answer answer) {
        Set<String> asked = QueryTerms.of(question, language);
        for (String sentence : SENTENCE_END.split(answer.text())) {
            Set<Integer> numbers = new LinkedHashSet<>();
            var m = MARKERS.matcher(sentence);
            while (m.find()) {
                for (String n : m.group().replaceAll("[\\[\\]\\s]", "").split(",")) {
                    numbers.add(Integer.parseInt(n));
                }
            }
            if (numbers.isEmpty()) {
                continue;
            }
            Set<String> words =
                    new TreeSet<>(QueryTerms.of(MARKERS.matcher(sentence).replaceAll(" "), language));
            words.removeAll(asked);
            Set<String> supported = new java.util.HashSet<>();
            List<String> citedIds = new ArrayList<>();
            for (int n : numbers) {
                if (n >= 1 && n <= answer.context().size()) {
                    ContextChunk c = answer.context().get(n - 1);
                    supported.addAll(QueryTerms.of(c.hit().text(), language));
                    citedIds.add(c.hit().chunkId());
                }
            }
            Set<String> missing = new TreeSet<>(words);
            missing.removeAll(supported);
            if (missing.size() >= 2 && missing.size() * 2 > words.size()) {
                return map("sentence", sentence.strip(), "cited", citedIds, "unsupportedWords", List.copyOf(missing));
            }
        }
        return null;
    }

    private boolean textInContext(List<String> docInContext) {
        if (!chunks.holders().isEmpty()) {
            return chunks.holders().stream().anyMatch(docInContext::contains);
        }
        return docInContext.containsAll(chunks.split());
    }

    private static String fate(String chunkId, List<SearchHit> candidates, Map<String, String> dropped) {
        SearchHit hit = candidates.stream()
                .filter(h -> h.chunkId().equals(chunkId))
                .findFirst()
                .orElse(null);
        if (hit == null) {
            return chunkId + " not in the top k";
        }
        return chunkId + " rank " + hit.rank() + ", "
                + dropped.getOrDefault(chunkId, "not kept").replace('_', ' ');
    }

    private Map<String, Object> rerunView(DiagnosisSignals.Rerun rerun) {
        return rerunView(rerun, this::shown, asking.answer());
    }

    /**
     * The rerun as evidence: its kind, text (unless drawn from documents {@code shown} hides), model,
     * prompt, similarity and trace; with a recorded answer, whether the rerun said the same.
     */
    static Map<String, Object> rerunView(
            DiagnosisSignals.Rerun rerun,
            java.util.function.Predicate<String> shown,
            dev.sluice.answer.AnswerRecord recorded) {
        Answer a = rerun.answer();
        Map<String, Object> out = map(
                "kind", a.kind().name().toLowerCase(Locale.ROOT),
                "text",
                        a.context().stream().allMatch(c -> shown.test(c.hit().documentUri()))
                                ? a.text()
                                : "(drawn from documents you may not read)",
                "model", a.model(),
                "promptVersion", a.promptVersion(),
                "note", a.note(),
                "topSimilarity", Double.parseDouble(round(a.topSimilarity())),
                "traceId", rerun.traceId().isEmpty() ? null : rerun.traceId());
        if (recorded != null) {
            out.put("sameAsRecorded", a.text().equals(recorded.answer()));
        }
        return out;
    }

    private Map<String, Object> conflictView(Conflict c) {
        return conflictView(c, this::shownPath);
    }

    /** A conflict as evidence, each side's path as {@code shownPath} tells it to the viewer. */
    static Map<String, Object> conflictView(Conflict c, java.util.function.Function<String, String> shownPath) {
        return map(
                "kind", c.kind(),
                "subject", c.subject(),
                "a",
                        map(
                                "chunkId",
                                c.a().id(),
                                "path",
                                shownPath.apply(c.a().documentUri()),
                                "value",
                                c.valueA(),
                                "sentence",
                                c.sentenceA()),
                "b",
                        map(
                                "chunkId",
                                c.b().id(),
                                "path",
                                shownPath.apply(c.b().documentUri()),
                                "value",
                                c.valueB(),
                                "sentence",
                                c.sentenceB()));
    }

    /** Whether whoever asked for the diagnosis may learn of this document. */
    private boolean shown(String uri) {
        return shown(kb, request.viewerTokens(), uri);
    }

    /** Whether a viewer with these tokens (null: full access) may learn of this document. */
    static boolean shown(DiagnosisSignals kb, List<String> viewerTokens, String uri) {
        if (viewerTokens == null) {
            return true;
        }
        DocumentRecord d = kb.catalog().document(uri);
        return d != null && AccessList.readable(d.access(), viewerTokens);
    }

    /** The document's path, or a placeholder for one the viewer may not read. */
    private String shownPath(String uri) {
        return shownPath(kb, request.viewerTokens(), uri);
    }

    /** The document's path, or a placeholder for one the viewer may not read. */
    static String shownPath(DiagnosisSignals kb, List<String> viewerTokens, String uri) {
        if (!shown(kb, viewerTokens, uri)) {
            return "(a document you may not read)";
        }
        DocumentRecord d = kb.catalog().document(uri);
        return d == null ? uri : d.path();
    }
}
