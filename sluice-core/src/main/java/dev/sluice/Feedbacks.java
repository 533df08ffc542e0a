package dev.sluice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.answer.FeedbackDiagnosis;
import dev.sluice.answer.FeedbackRecord;
import dev.sluice.core.SluiceException;
import dev.sluice.core.UsageException;
import dev.sluice.diagnose.Diagnosis;
import dev.sluice.diagnose.DiagnosisRequest;
import dev.sluice.diagnose.FeedbackBreakdown;
import dev.sluice.diagnose.Layer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedback through the front door ({@link KnowledgeBase#feedback()}): a thumbs-down runs the diagnosis
 * and keeps it with the feedback, the breakdown of failures per layer, and diagnosed feedback turned into
 * eval cases. The faces (the service's {@code POST /v1/feedback}, the dashboard, {@code sluice feedback})
 * only parse and print.
 *
 * <p>A diagnosis never makes feedback fail: the feedback is stored first, and a diagnosis that throws (an
 * unknown expected document included) is kept as an error beside it.
 */
public final class Feedbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Feedbacks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much feedback a listing, a breakdown or the cases read at most. */
    public static final int MAX_READ = 100_000;

    private final KnowledgeBase kb;

    Feedbacks(KnowledgeBase kb) {
        this.kb = kb;
    }

    /**
     * Stores feedback on a recorded answer; a thumbs-down then runs the diagnosis (as the answer's key):
     * the full one when {@code expect} names the document the answer should rest on, the weaker one from
     * the answer's own documents otherwise ({@code Diagnoser.withoutExpected}).
     *
     * @param feedback the feedback; its id is ignored
     * @param expect the document the answer should have rested on (path, URI or chunk id), or null
     * @param expectText a phrase of it the right answer must rest on, or null
     * @param viewerTokens whoever gives the feedback ({@code AccessList.callerTokens}); null for full access
     * @return the stored feedback, its answer and its diagnosis (null for a thumbs up)
     * @throws UsageException for an unknown answer or a rating other than up or down
     */
    public AnswerStore.Feedback add(
            FeedbackRecord feedback, String expect, String expectText, List<String> viewerTokens) {
        if (!"up".equals(feedback.rating()) && !"down".equals(feedback.rating())) {
            throw new UsageException("rating must be up or down, got '" + feedback.rating() + "'");
        }
        AnswerRecord answer = kb.answers().answer(feedback.answerId());
        if (answer == null) {
            throw new UsageException("no answer '" + feedback.answerId()
                    + "' is recorded (the service records the answers it gives; their ids start with ans_)");
        }
        long id = kb.answers().addFeedback(feedback);
        FeedbackRecord stored = new FeedbackRecord(
                id,
                feedback.answerId(),
                feedback.keyId(),
                feedback.principal(),
                feedback.rating(),
                feedback.comment(),
                feedback.createdMillis());
        if (!"down".equals(feedback.rating())) {
            return new AnswerStore.Feedback(stored, answer, null);
        }
        FeedbackDiagnosis diagnosis = diagnose(answer, blankToNull(expect), blankToNull(expectText), viewerTokens);
        kb.answers().addFeedbackDiagnosis(id, diagnosis);
        return new AnswerStore.Feedback(stored, answer, diagnosis);
    }

    private FeedbackDiagnosis diagnose(AnswerRecord answer, String expect, String expectText, List<String> viewer) {
        DiagnosisRequest request = new DiagnosisRequest(null, expect, expectText, answer.id(), null, null, viewer);
        try {
            Diagnosis d = expect == null ? kb.diagnoseWithoutExpected(request) : kb.diagnose(request);
            String uri = null;
            if (expect != null && d.evidence().get("document") instanceof Map<?, ?> doc && doc.get("uri") != null) {
                uri = doc.get("uri").toString();
            }
            List<String> passed = d.passed().stream().map(Layer::label).toList();
            return new FeedbackDiagnosis(
                    expect,
                    expectText,
                    uri,
                    d.layer().label(),
                    d.cause(),
                    d.summary(),
                    d.evidence(),
                    d.fix(),
                    passed,
                    null,
                    System.currentTimeMillis());
        } catch (RuntimeException e) {
            // The feedback is kept whatever the diagnosis does; why it could not run is kept beside it.
            if (!(e instanceof UsageException)) {
                LOG.warn("the diagnosis of feedback on answer {} failed", answer.id(), e);
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return FeedbackDiagnosis.failed(expect, expectText, why, System.currentTimeMillis());
        }
    }

    /** The latest feedback given since then, newest first, each with its diagnosis. */
    public List<AnswerStore.Feedback> list(long sinceMillis, int limit) {
        return kb.answers().feedbackSince(sinceMillis, limit);
    }

    /** The share of diagnosed thumbs-down feedback per layer since then, overall and per week. */
    public FeedbackBreakdown breakdown(long sinceMillis) {
        return FeedbackBreakdown.of(kb.answers().feedbackSince(sinceMillis, MAX_READ));
    }

    /**
     * What {@link #casesFromFeedback} did.
     *
     * @param added cases appended to the file
     * @param alreadyPresent diagnosed feedback whose case (same id, or same question and document) the file held
     * @param withoutExpected thumbs-down feedback left out: no expected document, or its diagnosis could not run
     * @param cases the ids of the cases appended, oldest feedback first
     */
    public record CasesOutcome(Path file, int added, int alreadyPresent, int withoutExpected, List<String> cases) {
        public CasesOutcome {
            cases = List.copyOf(cases);
        }
    }

    /**
     * Appends diagnosed thumbs-down feedback with an expected document to an eval set in Sluice's JSON lines
     * format ({@code EvalSetReader}): {@code {"id": "feedback-12", "question", "relevant": [the expected
     * document's URI], "feedback": 12, "layer", "cause"}}, oldest first. A case the file already holds (the
     * same id, or the same question and document) is not repeated, so running it again only adds new
     * feedback; {@code sluice eval run --set FILE --gate} then keeps each fixed failure fixed.
     *
     * @param sinceMillis feedback given since then only
     */
    public CasesOutcome casesFromFeedback(Path file, long sinceMillis) {
        Set<String> ids = new HashSet<>();
        Set<String> pairs = new HashSet<>();
        readExisting(file, ids, pairs);
        List<AnswerStore.Feedback> all = new ArrayList<>(kb.answers().feedbackSince(sinceMillis, MAX_READ));
        java.util.Collections.reverse(all); // oldest first
        int present = 0;
        int without = 0;
        List<String> added = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (AnswerStore.Feedback f : all) {
            if (!"down".equals(f.feedback().rating())) {
                continue;
            }
            FeedbackDiagnosis d = f.diagnosis();
            if (d == null || d.error() != null || d.expectedUri() == null) {
                without++;
                continue;
            }
            String id = "feedback-" + f.feedback().id();
            String pair = pair(f.answer().question(), d.expectedUri());
            if (ids.contains(id) || pairs.contains(pair)) {
                present++;
                continue;
            }
            ids.add(id);
            pairs.add(pair);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", id);
            line.put("question", f.answer().question());
            line.put("relevant", List.of(d.expectedUri()));
            line.put("feedback", f.feedback().id());
            line.put("layer", d.layer());
            line.put("cause", d.cause());
            try {
                lines.append(JSON.writeValueAsString(line)).append('\n');
            } catch (IOException e) {
                throw new SluiceException("cannot write case " + id + " as JSON: " + e.getMessage(), e);
            }
            added.add(id);
        }
        if (!added.isEmpty()) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
                String glue = before.isEmpty() || before.endsWith("\n") ? "" : "\n";
                Files.writeString(
                        file,
                        glue + lines,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new SluiceException(
                        "cannot append to " + file + ": " + e.getMessage() + "; check that its folder is writable", e);
            }
        }
        return new CasesOutcome(file, added.size(), present, without, added);
    }

    /** The ids and (question, document) pairs of the cases a file holds; a line that is not a case is skipped. */
    private static void readExisting(Path file, Set<String> ids, Set<String> pairs) {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SluiceException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SluiceException(file + " line " + n + ": not valid JSON (" + e.getOriginalMessage()
                        + "); fix or remove the line, since cases are appended to this file");
            }
            if (node.hasNonNull("id")) {
                ids.add(node.get("id").asText());
            }
            if (node.hasNonNull("question") && node.get("relevant") != null) {
                for (JsonNode r : node.get("relevant")) {
                    String doc = r.isTextual() ? r.asText() : r.path("id").asText();
                    pairs.add(pair(node.get("question").asText(), doc));
                }
            }
        }
    }

    private static String pair(String question, String uri) {
        return question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT) + "\n" + uri;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
