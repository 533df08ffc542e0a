package dev.sluice.diagnose;

import static dev.sluice.diagnose.Findings.map;
import static dev.sluice.diagnose.Findings.round;
import static dev.sluice.diagnose.Findings.time;

import dev.sluice.answer.Answer;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.Asker;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.conflict.Conflict;
import dev.sluice.conflict.ConflictDetector;
import dev.sluice.core.QuarantineReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The weaker diagnosis of a recorded answer without an expected document ({@link Diagnoser#withoutExpected}):
 * the answer's own documents as the catalog and their sources know them now, then one rerun of the
 * question with the asking key's access. The conflict detector is not called again: the rerun answer
 * carries the conflicts of its context.
 */
final class WithoutExpected {
    private final DiagnosisSignals kb;
    private final ConflictDetector conflicts;
    private final Diagnoser.Asking asking;
    private final List<String> viewer;
    private final Function<DocumentRecord, SourceFiles.Change> change;

    WithoutExpected(
            DiagnosisSignals kb,
            ConflictDetector conflicts,
            Diagnoser.Asking asking,
            List<String> viewer,
            Function<DocumentRecord, SourceFiles.Change> change) {
        this.kb = kb;
        this.conflicts = conflicts;
        this.asking = asking;
        this.viewer = viewer;
        this.change = change;
    }

    Diagnosis walk() {
        AnswerRecord recorded = asking.answer();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("question", asking.question());
        evidence.put("answerId", recorded.id());
        evidence.put("expected", "none given: checked the answer's own documents and a rerun");
        if (asking.key() != null) {
            evidence.put("key", Findings.key(asking.key()));
        }
        List<Layer> passed = new ArrayList<>();

        // ---- data and staleness: the documents the answer drew on, as they are now
        List<String> uris = recorded.contextUris().stream()
                .filter(uri -> AnswerPath.shown(kb, viewer, uri) || kb.catalog().document(uri) == null)
                .toList();
        evidence.put(
                "documents",
                uris.stream()
                        .filter(uri -> kb.catalog().document(uri) != null)
                        .map(this::path)
                        .toList());
        Catalog catalog = kb.catalog();
        for (String uri : uris) {
            DocumentRecord d = catalog.document(uri);
            if (d == null) {
                List<Catalog.Removal> removed = catalog.removals(uri);
                if (removed.isEmpty() || !visibleRemoval(removed.getFirst())) {
                    continue; // nothing to tell this viewer
                }
                Catalog.Removal r = removed.getFirst();
                return new Diagnosis(
                        Layer.DATA,
                        "deleted",
                        r.source() + ": " + r.path() + ", which the answer drew on, was removed by run "
                                + r.removedRunId() + " because its file was gone",
                        with(
                                evidence,
                                map(
                                        "document",
                                        map("uri", uri, "source", r.source(), "path", r.path()),
                                        "removedRunId",
                                        r.removedRunId())),
                        "restore " + r.path() + " in source " + r.source()
                                + " and run sluice sync, or ask again: the answer rested on a document that no longer exists",
                        passed);
            }
            if (!d.indexed()) {
                String label = QuarantineReason.fromName(d.reason()).label();
                return new Diagnosis(
                        Layer.DATA,
                        "quarantined",
                        display(d) + ", which the answer drew on, is quarantined now: " + label,
                        with(evidence, map("document", document(d), "reason", label, "message", d.message())),
                        "repair or replace " + d.path() + " (" + label + "), then run sluice sync --retry-quarantined",
                        passed);
            }
        }
        passed.add(Layer.DATA);
        for (String uri : uris) {
            DocumentRecord d = catalog.document(uri);
            if (d == null) {
                continue;
            }
            SourceFiles.Change c = change.apply(d);
            if (c.changed() != null) {
                Map<String, Object> more = map("document", document(d));
                more.putAll(c.evidence());
                return new Diagnosis(
                        Layer.STALENESS,
                        "changed_since_indexed",
                        display(d) + ", which the answer drew on, changed at its source after run " + d.runId()
                                + " indexed it (" + c.changed() + ")",
                        with(evidence, more),
                        "source " + d.source() + " changed since its last sync: run sluice sync, then ask again",
                        passed);
            }
            RunRecord run = catalog.run(d.runId());
            if (run != null && run.startedMillis() > recorded.createdMillis()) {
                return new Diagnosis(
                        Layer.STALENESS,
                        "changed_since_answered",
                        display(d) + ", which the answer drew on, was re-indexed by run " + d.runId()
                                + " after the answer was given",
                        with(
                                evidence,
                                map(
                                        "document",
                                        document(d),
                                        "answeredAt",
                                        time(recorded.createdMillis()),
                                        "reindexedRunId",
                                        d.runId(),
                                        "reindexedAt",
                                        time(run.startedMillis()))),
                        "the answer rested on an older version of " + d.path()
                                + ": ask again; if the new answer is still wrong, give the document it should rest on",
                        passed);
            }
        }
        passed.add(Layer.STALENESS);

        // ---- context: the rerun's best similarity against the floor
        Asker.Options o = asking.options();
        DiagnosisSignals.Rerun rerun = kb.ask(
                asking.question(), o, asking.key() == null ? null : asking.key().id());
        Answer answer = rerun.answer();
        evidence.put("rerun", rerunView(rerun));
        double floor = o.minSimilarity() != null ? o.minSimilarity() : kb.relevanceFloor();
        Diagnosis belowFloor = Findings.belowFloor(
                evidence,
                passed,
                answer.topSimilarity(),
                floor,
                "no document answers this in the question's terms: add or fix the document that should"
                        + " (then give it as expect for the full diagnosis), or lower the floor"
                        + " (sluice ask --min-similarity) if such questions are expected");
        if (belowFloor != null) {
            return belowFloor;
        }
        passed.add(Layer.CONTEXT);

        // ---- contradiction: the rerun answer's own conflicts
        if (conflicts == null) {
            evidence.put("contradiction", "not checked: no conflict detector");
        } else {
            List<Conflict> found = answer.conflicts();
            if (!found.isEmpty()) {
                Conflict first = found.getFirst();
                Function<String, String> shownPath = uri -> AnswerPath.shownPath(kb, viewer, uri);
                evidence.put(
                        "conflicts",
                        found.stream()
                                .map(c -> AnswerPath.conflictView(c, shownPath))
                                .toList());
                return new Diagnosis(
                        Layer.CONTRADICTION,
                        "conflicting_sources",
                        "the context disagrees on " + first.subject() + ": \"" + first.valueA() + "\" against \""
                                + first.valueB() + "\"",
                        evidence,
                        "decide which of " + shownPath.apply(first.a().documentUri()) + " and "
                                + shownPath.apply(first.b().documentUri()) + " is right about " + first.subject()
                                + ", correct or remove the other, then run sluice sync",
                        passed);
            }
            passed.add(Layer.CONTRADICTION);
        }

        // ---- model: what the rerun's checks found
        Diagnosis citations = Findings.citationFailure(
                evidence,
                passed,
                rerun,
                "review the answer prompt (sluice prompts show answer) or set a stronger model to escalate to"
                        + " (llm.strongModel)");
        if (citations != null) {
            return citations;
        }
        Diagnosis claim = AnswerPath.unsupportedClaim(kb.indexLanguage(), asking.question(), answer, evidence, passed);
        if (claim != null) {
            return claim;
        }
        if (answer.kind() == Answer.Kind.NOT_FOUND) {
            return new Diagnosis(
                    Layer.MODEL,
                    "not_found_despite_context",
                    "the answer says the passages hold no answer, though the best of them is above the relevance floor"
                            + " (" + round(answer.topSimilarity()) + " >= " + floor + ")",
                    evidence,
                    "give the document the answer should rest on (expect) to tell whether the context held it;"
                            + " else review the answer prompt (sluice prompts show answer)",
                    passed);
        }
        passed.add(Layer.MODEL);
        return new Diagnosis(
                Layer.NONE,
                "needs_expected",
                "nothing the answer's own documents and a rerun show failed; the document it should rest on can tell more",
                evidence,
                "give the document the answer should rest on (expect) for the full diagnosis: retrieval is only"
                        + " judged against it",
                passed);
    }

    private boolean visibleRemoval(Catalog.Removal r) {
        return viewer == null || dev.sluice.core.AccessList.readable(r.access(), viewer);
    }

    private String path(String uri) {
        return AnswerPath.shownPath(kb, viewer, uri);
    }

    private static String display(DocumentRecord d) {
        return d.source() + ": " + d.path();
    }

    private static Map<String, Object> document(DocumentRecord d) {
        return map("uri", d.uri(), "source", d.source(), "path", d.path());
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        out.putAll(more);
        return out;
    }

    private Map<String, Object> rerunView(DiagnosisSignals.Rerun rerun) {
        return AnswerPath.rerunView(rerun, uri -> AnswerPath.shown(kb, viewer, uri), asking.answer());
    }
}
