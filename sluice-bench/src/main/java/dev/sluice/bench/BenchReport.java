package dev.sluice.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's report for {@code --json}: each figure with its unit and the baseline measured beside it in
 * the same run, any other results, the parameters, the machine and JDK, and the text report's lines. Keys
 * are camelCase like the CLI's other {@code --json} outputs. Thread-safe enough for the benchmarks, which
 * record from the thread that prints.
 */
final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Map<String, Object>> figures = new ArrayList<>();
    private final Map<String, Object> results = new LinkedHashMap<>();

    /**
     * A figure and its baseline from the same run; {@code change} is value / baseline - 1 (null without a
     * baseline or when it is 0).
     */
    synchronized BenchReport figure(String name, String unit, double value, String baselineName, Double baseline) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name);
        f.put("unit", unit);
        f.put("value", finite(value));
        if (baselineName != null) {
            f.put("baselineName", baselineName);
            f.put("baseline", baseline == null ? null : finite(baseline));
            f.put(
                    "change",
                    baseline == null || baseline == 0 || !Double.isFinite(value) ? null : finite(value / baseline - 1));
        }
        figures.add(f);
        return this;
    }

    /** A figure with no baseline of its own (a count, a share). */
    BenchReport figure(String name, String unit, double value) {
        return figure(name, unit, value, null, null);
    }

    /** A result that is not one number (outcomes by kind, a verdict). */
    synchronized BenchReport result(String key, Object value) {
        results.put(key, value);
        return this;
    }

    /** {@code v} rounded to 6 decimals, or null when it is NaN or infinite (JSON has no such numbers). */
    static Double finite(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
    }

    /** The machine and JDK every figure was measured on. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("java", Runtime.version().toString());
        m.put("vendor", System.getProperty("java.vm.vendor"));
        m.put("maxHeapMib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        m.put("summary", Stats.machine());
        return m;
    }

    /** The whole report as one JSON object. */
    synchronized String toJson(String benchmark, Map<String, Object> parameters, List<String> textReport) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", benchmark);
        out.put("machine", machine());
        out.put("parameters", parameters);
        out.put("figures", figures);
        out.put("results", results);
        out.put("report", textReport);
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the bench report as JSON: " + e.getMessage(), e);
        }
    }
}
