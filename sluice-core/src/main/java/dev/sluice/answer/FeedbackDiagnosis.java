package dev.sluice.answer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diagnosis a thumbs-down ran, kept with the feedback (see {@code dev.sluice.diagnose} for the layers and
 * causes). Stored as plain values, since this stage sits below the diagnosis: a layer's label, a cause code,
 * the evidence as JSON-ready values. A diagnosis that could not run keeps only {@code error}.
 *
 * @param expect the document the user said the answer should rest on, as given, or null (the weaker
 *     diagnosis from the answer's own documents)
 * @param expectText a phrase of it the right answer must rest on, or null
 * @param expectedUri the URI the expected document resolved to, or null when none was given or it was not found
 * @param layer {@code data}, {@code staleness}, {@code retrieval}, {@code context}, {@code contradiction},
 *     {@code model} or {@code none}; null when the diagnosis failed
 * @param cause the cause code, or null when the diagnosis failed
 * @param summary one line for people, or null when the diagnosis failed
 * @param evidence what it rests on (read back from JSON: numbers as the smallest of int and long that holds
 *     them); empty when the diagnosis failed
 * @param fix one sentence to act on; empty for {@code none}, null when the diagnosis failed
 * @param passed the layers passed before the failing one
 * @param error why the diagnosis could not run (an unknown document, a failure), or null
 * @param createdMillis when it ran
 */
public record FeedbackDiagnosis(
        String expect,
        String expectText,
        String expectedUri,
        String layer,
        String cause,
        String summary,
        Map<String, Object> evidence,
        String fix,
        List<String> passed,
        String error,
        long createdMillis) {
    public FeedbackDiagnosis {
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        passed = passed == null ? List.of() : List.copyOf(passed);
    }

    /** A diagnosis that could not run, with why. */
    public static FeedbackDiagnosis failed(String expect, String expectText, String error, long createdMillis) {
        return new FeedbackDiagnosis(
                expect, expectText, null, null, null, null, Map.of(), null, List.of(), error, createdMillis);
    }

    /** True when a layer failed (not {@code none}, not a diagnosis that could not run). */
    public boolean found() {
        return layer != null && !layer.equals("none");
    }

    /** The JSON view: what {@code POST /v1/feedback} returns and {@code sluice feedback list --json} prints. */
    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (expect != null) {
            out.put("expect", expect);
        }
        if (expectText != null) {
            out.put("expectText", expectText);
        }
        if (error != null) {
            out.put("error", error);
            return out;
        }
        out.put("layer", layer);
        out.put("cause", cause);
        out.put("summary", summary);
        out.put("evidence", evidence);
        out.put("fix", fix);
        out.put("passed", passed);
        return out;
    }
}
