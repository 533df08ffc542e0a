package dev.sluice.transform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a transform's outputs changed between two prompt versions, over the inputs both versions have
 * outputs for: a sample of them (the first by input hash, so a fixed, spread-out sample) compared output
 * by output, plus how many inputs only one version has. Reads the store only; run the new version first
 * (a sync with the step's new {@code version}).
 */
public final class TransformDiff {
    /** How many examples of each kind a result keeps. */
    public static final int EXAMPLES = 5;

    private TransformDiff() {}

    /**
     * @param sampled inputs of both versions compared
     * @param same of those, identical outputs (as JSON values; an invalid output equals none)
     * @param changed of those, different outputs
     * @param onlyFrom inputs only {@code from} has an output for
     * @param onlyTo inputs only {@code to} has an output for
     * @param examples changed outputs first, then inputs of one version only
     */
    public record Result(
            String transform,
            String from,
            String to,
            long sampled,
            long same,
            long changed,
            long onlyFrom,
            long onlyTo,
            List<Example> examples) {
        public Result {
            examples = List.copyOf(examples);
        }
    }

    /**
     * One compared item: its outputs under each version as JSON, {@code invalid: reason}, or null when
     * that version has none.
     */
    public record Example(String item, String kind, String fromOutput, String toOutput) {}

    /** Compares up to {@code sample} shared inputs of {@code transform} under {@code from} and {@code to}. */
    public static Result compare(TransformStore store, String transform, String from, String to, int sample) {
        Map<String, TransformOutput> a = byHash(store.outputs(transform, from, Integer.MAX_VALUE));
        Map<String, TransformOutput> b = byHash(store.outputs(transform, to, Integer.MAX_VALUE));
        long same = 0;
        long changed = 0;
        long sampled = 0;
        List<Example> changes = new ArrayList<>();
        List<Example> alone = new ArrayList<>();
        for (Map.Entry<String, TransformOutput> e : a.entrySet()) {
            TransformOutput other = b.get(e.getKey());
            if (other == null) {
                if (alone.size() < EXAMPLES) {
                    alone.add(new Example(e.getValue().item(), "only-from", shown(e.getValue()), null));
                }
                continue;
            }
            if (sampled >= sample) {
                continue;
            }
            sampled++;
            if (equal(e.getValue(), other)) {
                same++;
            } else {
                changed++;
                if (changes.size() < EXAMPLES) {
                    changes.add(new Example(other.item(), "changed", shown(e.getValue()), shown(other)));
                }
            }
        }
        long onlyFrom = a.keySet().stream().filter(h -> !b.containsKey(h)).count();
        long onlyTo = 0;
        for (Map.Entry<String, TransformOutput> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                onlyTo++;
                if (alone.size() < 2 * EXAMPLES) {
                    alone.add(new Example(e.getValue().item(), "only-to", null, shown(e.getValue())));
                }
            }
        }
        changes.addAll(alone);
        return new Result(transform, from, to, sampled, same, changed, onlyFrom, onlyTo, changes);
    }

    private static Map<String, TransformOutput> byHash(List<TransformOutput> outputs) {
        Map<String, TransformOutput> map = new LinkedHashMap<>(); // the store orders by input hash
        for (TransformOutput o : outputs) {
            map.putIfAbsent(o.inputHash(), o); // valid first: the one a run would use
        }
        return map;
    }

    private static boolean equal(TransformOutput x, TransformOutput y) {
        if (!x.valid() || !y.valid()) {
            return x.valid() == y.valid();
        }
        JsonNode a = TransformCalls.parse(x.outputJson());
        JsonNode b = TransformCalls.parse(y.outputJson());
        return a != null && a.equals(b);
    }

    private static String shown(TransformOutput o) {
        return o.valid() ? o.outputJson() : "invalid: " + o.error();
    }
}
