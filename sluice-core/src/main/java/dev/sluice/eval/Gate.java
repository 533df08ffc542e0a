package dev.sluice.eval;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold a metric must meet for a run to pass, such as {@code ndcg@10 >= 0.30}, or {@code
 * hybrid:recall@100 >= 0.9} for one mode only (without a mode, every evaluated mode must meet it).
 *
 * @param mode the mode label it applies to, or null for every mode
 * @param metric the metric
 * @param operator one of {@code >=}, {@code >}, {@code <=}, {@code <}
 * @param threshold the value compared against
 */
public record Gate(String mode, Metric metric, String operator, double threshold) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*(?:(bm25|dense|hybrid)\\s*:\\s*)?([A-Za-z_]+(?:@\\d+)?)\\s*(>=|<=|>|<)\\s*([0-9]*\\.?[0-9]+)\\s*");

    /** Parses a gate; the message shows the expected form. */
    public static Gate parse(String text) {
        Matcher m = SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("gate '" + text
                    + "' is not of the form 'METRIC OP VALUE' or 'MODE:METRIC OP VALUE', e.g. 'ndcg@10 >= 0.30' or"
                    + " 'hybrid:recall@100 >= 0.9'");
        }
        return new Gate(m.group(1), Metric.parse(m.group(2)), m.group(3), Double.parseDouble(m.group(4)));
    }

    /** Whether a value passes. */
    public boolean passes(double value) {
        return switch (operator) {
            case ">=" -> value >= threshold;
            case ">" -> value > threshold;
            case "<=" -> value <= threshold;
            default -> value < threshold;
        };
    }

    /** Whether this gate applies to a mode's figures. */
    public boolean appliesTo(String modeLabel) {
        return mode == null || mode.equals(modeLabel);
    }

    /**
     * The failure message for one mode's figures, or null when it passes or does not apply; a metric
     * the run did not compute fails, since an unmeasured figure cannot pass.
     */
    public String check(String modeLabel, Map<String, Double> means) {
        if (!appliesTo(modeLabel)) {
            return null;
        }
        Double value = means.get(metric.name());
        if (value == null) {
            return modeLabel + " " + metric.name() + " was not measured; add its cutoff to --k (gate " + this + ")";
        }
        return passes(value)
                ? null
                : String.format(
                        Locale.ROOT, "%s %s = %.4f, needs %s %s", modeLabel, metric.name(), value, operator, threshold);
    }

    @Override
    public String toString() {
        return (mode == null ? "" : mode + ":") + metric.name() + " " + operator + " " + threshold;
    }
}
