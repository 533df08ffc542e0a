package dev.sluice.bench;

import dev.sluice.diagnose.Layer;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expected layer × diagnosed layer of {@code bench diagnose}, with the cause codes seen per expected
 * layer. Accuracy of a layer is its diagonal cell over its row: of the scenarios whose fault lives in
 * that layer, the share the diagnosis named right. Not thread-safe.
 */
final class ConfusionMatrix {
    private final Map<Layer, Map<Layer, Integer>> counts = new EnumMap<>(Layer.class);
    private final Map<Layer, Map<String, Integer>> causes = new EnumMap<>(Layer.class);
    private final Map<Layer, Integer> errors = new EnumMap<>(Layer.class);

    /** Counts one scenario whose fault lives in {@code expected} and was diagnosed as {@code diagnosed}. */
    void add(Layer expected, Layer diagnosed, String cause) {
        counts.computeIfAbsent(expected, l -> new EnumMap<>(Layer.class)).merge(diagnosed, 1, Integer::sum);
        causes.computeIfAbsent(expected, l -> new TreeMap<>()).merge(diagnosed.label() + "/" + cause, 1, Integer::sum);
    }

    /** Counts one scenario whose diagnosis failed with an exception: wrong for its layer. */
    void addError(Layer expected) {
        errors.merge(expected, 1, Integer::sum);
    }

    int count(Layer expected, Layer diagnosed) {
        return counts.getOrDefault(expected, Map.of()).getOrDefault(diagnosed, 0);
    }

    /** Scenarios whose fault lives in {@code expected}. */
    int total(Layer expected) {
        return errors.getOrDefault(expected, 0)
                + counts.getOrDefault(expected, Map.of()).values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
    }

    /** The share of {@code expected}'s scenarios diagnosed as {@code expected}; NaN when it has none. */
    double accuracy(Layer expected) {
        int total = total(expected);
        return total == 0 ? Double.NaN : (double) count(expected, expected) / total;
    }

    /** The share of all scenarios diagnosed right; NaN when there are none. */
    double overall() {
        int right = 0;
        int all = 0;
        for (Layer l : Layer.values()) {
            right += count(l, l);
            all += total(l);
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }

    /** "diagnosedLayer/cause" -> scenarios, for the scenarios whose fault lives in {@code expected}. */
    Map<String, Integer> causes(Layer expected) {
        return causes.getOrDefault(expected, Map.of());
    }

    /**
     * The matrix for {@code --json}: per expected layer with scenarios (by label), the scenarios diagnosed as
     * each layer, the errors, the accuracy, the total and the causes seen; the same rows {@link #print} prints.
     */
    Map<String, Object> toMap() {
        Map<String, Object> rows = new java.util.LinkedHashMap<>();
        for (Layer e : Layer.values()) {
            if (total(e) == 0) {
                continue;
            }
            Map<String, Object> diagnosed = new java.util.LinkedHashMap<>();
            for (Layer d : Layer.values()) {
                diagnosed.put(d.label(), count(e, d));
            }
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("diagnosed", diagnosed);
            row.put("error", errors.getOrDefault(e, 0));
            row.put("right", count(e, e));
            row.put("total", total(e));
            row.put("accuracy", BenchReport.finite(accuracy(e)));
            row.put("causes", new TreeMap<>(causes(e)));
            rows.put(e.label(), row);
        }
        return rows;
    }

    /** The matrix (rows expected, columns diagnosed) and the accuracy and causes per layer, as Markdown. */
    void print(PrintWriter out) {
        StringBuilder head = new StringBuilder("| expected \\ diagnosed |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Layer d : Layer.values()) {
            head.append(' ').append(d.label()).append(" |");
            rule.append("---:|");
        }
        head.append(" error | accuracy |");
        rule.append("---:|---:|");
        out.println(head);
        out.println(rule);
        for (Layer e : Layer.values()) {
            if (total(e) == 0) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + e.label() + " |");
            for (Layer d : Layer.values()) {
                int n = count(e, d);
                row.append(' ')
                        .append(e == d ? "**" + n + "**" : Integer.toString(n))
                        .append(" |");
            }
            row.append(' ').append(errors.getOrDefault(e, 0)).append(" |");
            row.append(String.format(Locale.ROOT, " %.1f%% (%d/%d) |", 100 * accuracy(e), count(e, e), total(e)));
            out.println(row);
        }
        out.printf(Locale.ROOT, "%noverall: %.1f%%%n%n", 100 * overall());
        out.println("| expected | causes seen (diagnosed layer/cause: scenarios) |");
        out.println("|---|---|");
        for (Layer e : Layer.values()) {
            if (total(e) == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder();
            causes(e)
                    .forEach((c, n) -> line.append(line.isEmpty() ? "" : ", ")
                            .append(c)
                            .append(": ")
                            .append(n));
            out.println("| " + e.label() + " | " + line + " |");
        }
        out.flush();
    }
}
