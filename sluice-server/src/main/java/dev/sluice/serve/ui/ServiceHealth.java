package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.serve.ui.SvgChart.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error rate and latency of the API requests a viewer may see (its own key's; every key's for an
 * admin), from the root spans of their traces: one span per request, with its route and status.
 *
 * @param requests requests in the window (at most the limit read)
 * @param errors those answered 5xx
 * @param p50Millis median duration
 * @param p99Millis 99th percentile duration
 * @param p50ByHour the median per hour, for a chart
 * @param p99ByHour the 99th percentile per hour
 * @param capped whether the limit cut the window short (the figures then cover the newest requests)
 */
record ServiceHealth(
        int requests,
        int errors,
        double p50Millis,
        double p99Millis,
        List<Point> p50ByHour,
        List<Point> p99ByHour,
        boolean capped) {
    private static final long HOUR = 3600_000L;

    /** Root spans read at most: the page's cost stays bounded however busy the service was. */
    static final int MAX_SPANS = 5_000;

    static ServiceHealth of(KnowledgeBase kb, Viewer viewer, long sinceMillis) {
        List<SpanRecord> roots = kb.traces().rootSpans(sinceMillis, MAX_SPANS);
        List<SpanRecord> requests = new ArrayList<>();
        for (SpanRecord s : roots) {
            Object route = s.attributes().get("http.route");
            Object key = s.attributes().get(Tracing.KEY_ID.getKey());
            if (route != null && viewer.caller().mayReadTraceOf(key == null ? "" : key.toString())) {
                requests.add(s);
            }
        }
        int errors = 0;
        Map<Long, List<Double>> byHour = new TreeMap<>();
        for (SpanRecord s : requests) {
            if (status(s) >= 500) {
                errors++;
            }
            long hour = s.startEpochNanos() / 1_000_000 / HOUR * HOUR;
            byHour.computeIfAbsent(hour, h -> new ArrayList<>()).add(s.durationMillis());
        }
        List<Point> p50 = new ArrayList<>();
        List<Point> p99 = new ArrayList<>();
        byHour.forEach((hour, millis) -> {
            double[] sorted = sorted(millis);
            p50.add(new Point(hour, percentile(sorted, 0.50)));
            p99.add(new Point(hour, percentile(sorted, 0.99)));
        });
        double[] all = sorted(requests.stream().map(SpanRecord::durationMillis).toList());
        return new ServiceHealth(
                requests.size(),
                errors,
                percentile(all, 0.50),
                percentile(all, 0.99),
                p50,
                p99,
                roots.size() >= MAX_SPANS);
    }

    double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** The response status a request span records, 0 when it recorded none. */
    static int status(SpanRecord s) {
        return s.attributes().get("http.response.status_code") instanceof Number n ? n.intValue() : 0;
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** Nearest-rank percentile; 0 for no values. */
    private static double percentile(double[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
