package dev.sluice.diagnose;

import static dev.sluice.diagnose.Findings.ago;
import static dev.sluice.diagnose.Findings.map;
import static dev.sluice.diagnose.Findings.time;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.Asker;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.chunk.HeadingAwareChunker;
import dev.sluice.config.SluiceConfig;
import dev.sluice.conflict.ConflictDetector;
import dev.sluice.core.AccessList;
import dev.sluice.core.QuarantineReason;
import dev.sluice.core.UsageException;
import dev.sluice.embed.EmbeddingModelSpec;
import dev.sluice.source.DirectorySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the layers of a bad answer in order (data, staleness, retrieval, context, contradiction,
 * model) and stops at the first that fails; see the package note. Thread-safe when its signals are.
 *
 * <pre>{@code
 * Diagnosis d = new Diagnoser(signals, detector).diagnose(
 *         DiagnosisRequest.of("how long is parental leave", "hr/leave.md", "16 weeks", null, null));
 * }</pre>
 */
public final class Diagnoser {
    private final DiagnosisSignals kb;
    private final ConflictDetector conflicts;
    private final SourceFiles files;

    /**
     * @param conflicts finds passages that disagree, for the contradiction layer; null leaves that layer
     *     unchecked (the evidence says so)
     */
    public Diagnoser(DiagnosisSignals kb, ConflictDetector conflicts) {
        this.kb = kb;
        this.conflicts = conflicts;
        this.files = new SourceFiles(kb);
    }

    /**
     * What was asked, by whom, with which settings.
     *
     * @param answer the recorded answer being rerun, or null
     * @param key the asking key, or null for full access
     * @param tokens the asking key's access tokens, or null for full access
     * @param options the answer settings, the asker's access inside their filters
     */
    record Asking(String question, AnswerRecord answer, ApiKeyRecord key, List<String> tokens, Asker.Options options) {}

    /**
     * Diagnoses one answer.
     *
     * @throws UsageException for an unknown (or, to this viewer, hidden) document, an unknown answer or
     *     key, or a request without a question or an expected document; each names what it could not find
     */
    public Diagnosis diagnose(DiagnosisRequest request) {
        Asking asking = asking(request, true);
        ExpectedDocument expected =
                ExpectedDocument.locate(request.expect(), kb.catalog(), kb.sources(), request.viewerTokens());
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("question", asking.question());
        base.put("document", document(expected));
        if (asking.answer() != null) {
            base.put("answerId", asking.answer().id());
        }
        if (asking.key() != null) {
            base.put("key", Findings.key(asking.key()));
        }
        List<Layer> passed = new ArrayList<>();
        Verdict v = data(expected, asking);
        if (v != null) {
            return v.diagnosis(base, passed);
        }
        passed.add(Layer.DATA);
        ExpectedDocument.Catalogued doc = (ExpectedDocument.Catalogued) expected;
        DocumentChunks chunks = DocumentChunks.of(kb, doc.record(), asking.question(), request.expectText());
        SourceFiles.Change change = files.change(doc.record());
        if (chunks.textMissing() && change.changed() == null) {
            return new Verdict(
                            Layer.DATA,
                            "text_not_in_document",
                            doc.display() + " as indexed does not contain \"" + request.expectText() + "\"",
                            map(
                                    "expectText",
                                    request.expectText(),
                                    "chunks",
                                    chunks.ids(),
                                    "indexedRunId",
                                    doc.record().runId()),
                            "check the expectation, or what extraction kept of "
                                    + doc.record().path() + " (sluice lineage "
                                    + doc.record().path() + " lists its chunks)")
                    .diagnosis(base, passed);
        }
        v = staleness(doc, change, chunks);
        if (v != null) {
            return v.diagnosis(base, passed);
        }
        passed.add(Layer.STALENESS);
        return new AnswerPath(kb, conflicts, asking, doc, chunks, request).walk(base, passed);
    }

    /**
     * The weaker diagnosis of a recorded answer when nobody said which document it should rest on (a
     * thumbs-down without {@code expect}): it checks what the answer's own documents and a rerun can
     * tell, in layer order: a document of its context deleted, quarantined, changed at its source or
     * re-indexed since the answer ({@code data}, {@code staleness}); nothing above the relevance floor
     * ({@code context}); passages that disagree ({@code contradiction}); citation failures, an
     * unsupported claim, "not found" over relevant passages ({@code model}). When none of these fails,
     * the layer is {@code none} with cause {@code needs_expected}: only the expected document can tell
     * more. Retrieval is never judged without it. Documents the viewer may not read are left out.
     *
     * @throws UsageException when the request names no recorded answer, or an unknown answer or key
     */
    public Diagnosis withoutExpected(DiagnosisRequest request) {
        if (request.answerId() == null) {
            throw new UsageException(
                    "answerId must name a recorded answer to diagnose without an expected document (expect)");
        }
        Asking asking = asking(request, false);
        return new WithoutExpected(kb, conflicts, asking, request.viewerTokens(), files::change).walk();
    }

    private Asking asking(DiagnosisRequest request, boolean needsExpect) {
        AnswerRecord answer = null;
        if (request.answerId() != null) {
            answer = kb.answers().answer(request.answerId());
            if (answer == null) {
                throw new UsageException("no answer '" + request.answerId()
                        + "' is recorded (the service records the answers it gives; their ids start with ans_)");
            }
        }
        String question = request.question();
        if (answer != null) {
            if (question != null && !question.equals(answer.question())) {
                throw new UsageException("the question differs from the one answer " + answer.id()
                        + " was given for (\"" + answer.question() + "\"): leave it out, or give that one");
            }
            question = answer.question();
        }
        if (question == null) {
            throw new UsageException("question must not be blank (or name a recorded answer to take its question)");
        }
        if (needsExpect && request.expect() == null) {
            throw new UsageException("expect must name the document the answer should rest on: a chunk id, a"
                    + " document URI or a path relative to its source");
        }
        String keyId = request.keyId() != null ? request.keyId() : answer == null ? null : answer.keyId();
        ApiKeyRecord key = null;
        if (keyId != null) {
            key = kb.keys().apiKeys().stream()
                    .filter(k -> k.id().equals(keyId))
                    .findFirst()
                    .orElseThrow(() -> new UsageException("no API key '" + keyId + "' (sluice keys list shows them)"));
        }
        List<String> tokens = key == null ? null : AccessList.callerTokens(key.principal(), key.groups());
        Asker.Options o = request.options();
        Asker.Options options = tokens == null
                ? o
                : new Asker.Options(
                        o.k(),
                        o.maxContextTokens(),
                        o.minSimilarity(),
                        o.filters().forCaller(tokens));
        return new Asking(question, answer, key, tokens, options);
    }

    private static Map<String, Object> document(ExpectedDocument d) {
        return switch (d) {
            case ExpectedDocument.Catalogued c ->
                map(
                        "uri",
                        c.record().uri(),
                        "source",
                        c.record().source(),
                        "path",
                        c.record().path(),
                        "chunkId",
                        c.chunkId());
            case ExpectedDocument.Removed r ->
                map(
                        "uri",
                        r.removal().uri(),
                        "source",
                        r.removal().source(),
                        "path",
                        r.removal().path());
            case ExpectedDocument.AtSource s ->
                map("uri", s.file().toUri().toString(), "source", s.source().name(), "path", s.path());
        };
    }

    // ---- data ------------------------------------------------------------------------------------

    private Verdict data(ExpectedDocument expected, Asking asking) {
        Catalog catalog = kb.catalog();
        switch (expected) {
            case ExpectedDocument.AtSource s -> {
                Catalog.SourceState state = catalog.sources().get(s.source().name());
                Map<String, Object> evidence = map(
                        "source",
                        s.source().name(),
                        "path",
                        s.path(),
                        "lastSync",
                        state == null ? null : time(state.lastOkMillis()),
                        "lastRunId",
                        state == null ? null : state.lastRunId());
                if (s.leftOutBecause() != null) {
                    return excluded(s, evidence);
                }
                long modified = SourceFiles.modifiedMillis(s.file());
                evidence.put("modified", time(modified));
                List<Catalog.Removal> removed =
                        catalog.removals(s.file().toUri().toString());
                if (!removed.isEmpty()) {
                    evidence.put("removedInRunId", removed.getFirst().removedRunId());
                }
                String synced = state == null || state.lastOkMillis() == 0
                        ? "source " + s.source().name() + " was never synced"
                        : "source " + s.source().name() + " was last synced "
                                + ago(kb.nowMillis() - state.lastOkMillis()) + " ago"
                                + (modified > state.lastOkMillis() ? ", before the file changed" : "");
                return new Verdict(
                        Layer.DATA,
                        "never_seen",
                        s.display() + " is at its source but no sync has ingested it"
                                + (removed.isEmpty()
                                        ? ""
                                        : " since run " + removed.getFirst().removedRunId() + " removed it"),
                        evidence,
                        synced + ": run sluice sync");
            }
            case ExpectedDocument.Removed r -> {
                RunRecord run = catalog.run(r.removal().removedRunId());
                return new Verdict(
                        Layer.DATA,
                        "deleted",
                        r.display() + " was removed from the index by run "
                                + r.removal().removedRunId() + " because its file was gone",
                        map(
                                "removedRunId", r.removal().removedRunId(),
                                "removedAt", run == null ? null : time(run.startedMillis()),
                                "indexedRunId", r.removal().indexedRunId()),
                        "restore " + r.removal().path() + " in source "
                                + r.removal().source()
                                + " and run sluice sync, or stop expecting a document that no longer exists");
            }
            case ExpectedDocument.Catalogued c -> {
                DocumentRecord d = c.record();
                if (!d.indexed()) {
                    String label = QuarantineReason.fromName(d.reason()).label();
                    return new Verdict(
                            Layer.DATA,
                            "quarantined",
                            c.display() + " is quarantined: " + label
                                    + (d.message() == null ? "" : " (" + d.message() + ")"),
                            map(
                                    "reason",
                                    label,
                                    "message",
                                    d.message(),
                                    "runId",
                                    d.runId(),
                                    "lastSeen",
                                    time(d.lastSeenMillis())),
                            "repair or replace " + d.path() + " (" + label
                                    + "), then run sluice sync --retry-quarantined");
                }
                Path file = SourceFiles.fileOf(d);
                DirectorySource folder = files.folder(d.source());
                if (file != null && folder != null && Files.exists(folder.root()) && !Files.exists(file)) {
                    return new Verdict(
                            Layer.DATA,
                            "deleted",
                            c.display() + " is gone from its source but still indexed, from run " + d.runId(),
                            map("stillIndexed", true, "indexedRunId", d.runId(), "lastSeen", time(d.lastSeenMillis())),
                            "restore " + d.path() + " in source " + d.source()
                                    + ", or run sluice sync so the index stops serving a deleted document");
                }
                if (asking.tokens() != null && !AccessList.readable(d.access(), asking.tokens())) {
                    ApiKeyRecord key = asking.key();
                    String access = d.access() == null ? AccessList.PUBLIC.fingerprint() : d.access();
                    return new Verdict(
                            Layer.DATA,
                            "not_visible",
                            c.display() + " is not visible to key " + key.id() + " (" + key.principal() + ")",
                            map("access", access, "principal", key.principal(), "groups", key.groups()),
                            "grant " + key.principal() + " or one of its groups read access to " + d.path()
                                    + " (the source's access in sluice.yaml, or " + d.path()
                                    + DirectorySource.ACCESS_SIDECAR + "), then run sluice sync");
                }
                return null;
            }
        }
    }

    private Verdict excluded(ExpectedDocument.AtSource s, Map<String, Object> evidence) {
        SluiceConfig.Source configured = kb.config().sources().stream()
                .filter(c -> c.name().equals(s.source().name()))
                .findFirst()
                .orElse(null);
        List<String> include = configured == null ? List.of() : configured.include();
        List<String> exclude = configured == null ? List.of() : configured.exclude();
        evidence.put("rule", s.leftOutBecause());
        evidence.put("include", include);
        evidence.put("exclude", exclude);
        evidence.put("gitignore", configured != null && configured.gitignore());
        String where = "source " + s.source().name();
        String fix = switch (s.leftOutBecause()) {
            case "hidden" ->
                "names starting with '.' are never ingested: rename " + s.path()
                        + " or move it out of its hidden folder, then run sluice sync";
            case "include globs" ->
                where + " includes only " + include + ": add a glob matching " + s.path()
                        + " to its include in sluice.yaml, then run sluice sync";
            case "exclude globs" ->
                where + " excludes " + s.path() + " by its exclude globs " + exclude
                        + ": narrow them in sluice.yaml, then run sluice sync";
            case ".gitignore" ->
                "a .gitignore under " + where + " ignores " + s.path()
                        + ": un-ignore it there or set gitignore: false for the source, then run sluice sync";
            default -> s.path() + " is an access sidecar, never a document: expect the document it belongs to";
        };
        return new Verdict(
                Layer.DATA,
                "excluded_by_rules",
                s.display() + " is left out by the source's rules (" + s.leftOutBecause() + ")",
                evidence,
                fix);
    }

    // ---- staleness -------------------------------------------------------------------------------

    private Verdict staleness(ExpectedDocument.Catalogued c, SourceFiles.Change change, DocumentChunks chunks) {
        DocumentRecord d = c.record();
        Catalog.SourceState state = kb.catalog().sources().get(d.source());
        long now = kb.nowMillis();
        String lastSync = state == null || state.lastOkMillis() == 0
                ? "source " + d.source() + " was never synced"
                : "source " + d.source() + " last synced " + ago(now - state.lastOkMillis()) + " ago";
        if (change.changed() != null) {
            Map<String, Object> evidence = new LinkedHashMap<>(change.evidence());
            if (chunks.expectText() != null) {
                evidence.put("expectTextInIndex", !chunks.textMissing());
            }
            return new Verdict(
                    Layer.STALENESS,
                    "changed_since_indexed",
                    c.display() + " changed at its source after run " + d.runId() + " indexed it (" + change.changed()
                            + ")",
                    evidence,
                    lastSync + ", file changed since: run sluice sync");
        }
        EmbeddingModelSpec model = kb.config().model();
        if (!model.id().equals(d.modelId()) || !model.version().equals(d.modelVersion())) {
            return new Verdict(
                    Layer.STALENESS,
                    "other_model",
                    c.display() + " was embedded with " + d.modelId() + " " + d.modelVersion() + ", configured "
                            + model.id() + " " + model.version(),
                    map(
                            "indexedModel",
                            d.modelId() + " " + d.modelVersion(),
                            "configuredModel",
                            model.id() + " " + model.version(),
                            "runId",
                            d.runId()),
                    "run sluice sync to embed the index with the configured model (a new index generation)");
        }
        String chunker = HeadingAwareChunker.versionOf(kb.config().chunking());
        if (!chunker.equals(d.chunkerVersion())) {
            return new Verdict(
                    Layer.STALENESS,
                    "other_chunker",
                    c.display() + " was chunked with " + d.chunkerVersion() + ", configured " + chunker,
                    map("indexedChunker", d.chunkerVersion(), "configuredChunker", chunker, "runId", d.runId()),
                    "the chunking settings changed since run " + d.runId() + ": run sluice sync to re-chunk");
        }
        if (state != null && state.lastFailedMillis() > state.lastOkMillis()) {
            return new Verdict(
                    Layer.STALENESS,
                    "source_sync_failed",
                    "the last sync of source " + d.source() + " failed: " + state.lastError(),
                    map(
                            "lastError",
                            state.lastError(),
                            "failedAt",
                            time(state.lastFailedMillis()),
                            "lastOk",
                            time(state.lastOkMillis())),
                    "fix what failed (" + state.lastError() + ") and run sluice sync; " + lastSync);
        }
        SluiceConfig.Source configured = kb.config().sources().stream()
                .filter(s -> s.name().equals(d.source()))
                .findFirst()
                .orElse(null);
        if (configured != null && configured.freshness() != null) {
            long lag = state == null || state.lastOkMillis() == 0 ? Long.MAX_VALUE : now - state.lastOkMillis();
            if (lag > configured.freshness().toMillis()) {
                return new Verdict(
                        Layer.STALENESS,
                        "freshness_breached",
                        lastSync + ", past its freshness target of "
                                + ago(configured.freshness().toMillis()),
                        map(
                                "lastOk",
                                state == null ? null : time(state.lastOkMillis()),
                                "freshnessSeconds",
                                configured.freshness().toSeconds()),
                        lastSync + ", target " + ago(configured.freshness().toMillis())
                                + ": run sluice sync, and schedule it (sluice sync --watch or cron) within the target");
            }
        }
        return null;
    }

    /** A failing (or passing) layer, before the request's evidence is added. */
    record Verdict(Layer layer, String cause, String summary, Map<String, Object> evidence, String fix) {
        Diagnosis diagnosis(Map<String, Object> base, List<Layer> passed) {
            Map<String, Object> all = new LinkedHashMap<>(base);
            all.putAll(evidence);
            return new Diagnosis(layer, cause, summary, all, fix, passed);
        }
    }
}
