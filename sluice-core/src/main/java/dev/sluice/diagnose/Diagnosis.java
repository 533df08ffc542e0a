package dev.sluice.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why an answer was bad: the first layer that failed, walked in {@link Layer} order.
 *
 * @param layer the layer that failed, or {@link Layer#NONE}
 * @param cause a short stable code ({@code quarantined}, {@code not_in_top_k}, {@code rests_on_expected}; see
 *     the package note for every code)
 * @param summary one line for people saying what was found
 * @param evidence what it rests on: ids, ranks per mode, scores, versions, times (JSON-ready values:
 *     strings, numbers, booleans, lists and maps of them), in a stable order
 * @param fix one sentence a data engineer can act on; empty for {@link Layer#NONE}
 * @param passed the layers checked and passed before the failing one, in order
 */
public record Diagnosis(
        Layer layer, String cause, String summary, Map<String, Object> evidence, String fix, List<Layer> passed) {
    public Diagnosis {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        passed = List.copyOf(passed);
    }

    /** True when some layer failed. */
    public boolean failed() {
        return layer != Layer.NONE;
    }

    /** The JSON view shared by {@code sluice diagnose --json} and {@code POST /v1/diagnose}. */
    public Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layer", layer.label());
        out.put("cause", cause);
        out.put("summary", summary);
        out.put("evidence", evidence);
        out.put("fix", fix);
        List<String> ok = new ArrayList<>();
        passed.forEach(l -> ok.add(l.label()));
        out.put("passed", ok);
        return out;
    }
}
