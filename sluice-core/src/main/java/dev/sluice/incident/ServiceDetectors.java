package dev.sluice.incident;

import dev.sluice.llm.Budget;
import dev.sluice.observe.SpanRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Detectors of the running service: its error rate and latency against objectives, and LLM spend against budgets. */
final class ServiceDetectors {
    /** Most requests one check reads from the trace store. */
    static final int MAX_REQUESTS = 200_000;

    private ServiceDetectors() {}

    /** Server errors or p99 latency of API requests (the root spans of {@code /v1} routes) above the objective. */
    static final class Objectives implements Detector {
        @Override
        public Incident.Kind kind() {
            return Incident.Kind.SERVICE_OBJECTIVE;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            long windowMillis = settings.objectiveWindow().toMillis();
            List<SpanRecord> requests = signals.traces().rootSpans(now - windowMillis, MAX_REQUESTS).stream()
                    .filter(s -> s.attributes().containsKey("http.route"))
                    .toList();
            if (requests.size() < settings.minRequests()) {
                return List.of();
            }
            List<SpanRecord> errors =
                    requests.stream().filter(Objectives::serverError).toList();
            double[] millis = requests.stream()
                    .mapToDouble(SpanRecord::durationMillis)
                    .sorted()
                    .toArray();
            double p99 = millis[(int) Math.ceil(0.99 * millis.length) - 1];
            double errorRate = (double) errors.size() / requests.size();
            List<Finding> out = new ArrayList<>();
            if (errorRate > settings.maxErrorRate()) {
                Map<String, Object> evidence = window(settings, requests.size());
                evidence.put("errors", errors.size());
                evidence.put("errorRate", DataDetectors.round(errorRate));
                evidence.put("maxErrorRate", settings.maxErrorRate());
                evidence.put("byRoute", countByRoute(errors));
                evidence.put(
                        "traceIds",
                        errors.stream().limit(10).map(SpanRecord::traceId).toList());
                out.add(new Finding(
                        kind(),
                        "errors",
                        errorRate > 4 * settings.maxErrorRate() ? Incident.CRITICAL : Incident.WARNING,
                        String.format(
                                Locale.ROOT,
                                "%.1f%% of %d API requests in the last %s failed with a server error; the objective is"
                                        + " at most %.1f%%",
                                errorRate * 100,
                                requests.size(),
                                DataDetectors.human(settings.objectiveWindow().toSeconds()),
                                settings.maxErrorRate() * 100),
                        evidence));
            }
            if (p99 > settings.p99Millis()) {
                Map<String, Object> evidence = window(settings, requests.size());
                evidence.put("p99Ms", Math.round(p99));
                evidence.put("objectiveP99Ms", settings.p99Millis());
                evidence.put(
                        "slowestTraceIds",
                        requests.stream()
                                .sorted(Comparator.comparingDouble(SpanRecord::durationMillis)
                                        .reversed())
                                .limit(10)
                                .map(SpanRecord::traceId)
                                .toList());
                out.add(new Finding(
                        kind(),
                        "latency",
                        p99 > 4 * settings.p99Millis() ? Incident.CRITICAL : Incident.WARNING,
                        String.format(
                                Locale.ROOT,
                                "p99 latency of %d API requests in the last %s is %d ms; the objective is %d ms",
                                requests.size(),
                                DataDetectors.human(settings.objectiveWindow().toSeconds()),
                                Math.round(p99),
                                settings.p99Millis()),
                        evidence));
            }
            return out;
        }

        private static boolean serverError(SpanRecord s) {
            Object status = s.attributes().get("http.response.status_code");
            if (status instanceof Number n) {
                return n.intValue() >= 500;
            }
            return s.status().startsWith("error");
        }

        private static Map<String, Object> window(IncidentSettings settings, int requests) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("windowSeconds", settings.objectiveWindow().toSeconds());
            evidence.put("requests", requests);
            return evidence;
        }

        private static Map<String, Integer> countByRoute(List<SpanRecord> spans) {
            Map<String, Integer> out = new java.util.TreeMap<>();
            spans.forEach(s -> out.merge(s.name(), 1, Integer::sum));
            return out;
        }
    }

    /** LLM spend of the day or month (UTC) near or over its budget. */
    static final class Spend implements Detector {
        @Override
        public Incident.Kind kind() {
            return Incident.Kind.BUDGET;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            Budget.Limits limits = signals.budget();
            LocalDate day = Instant.ofEpochMilli(now).atZone(ZoneOffset.UTC).toLocalDate();
            long dayStart = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long monthStart = day.withDayOfMonth(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toEpochMilli();
            List<Finding> out = new ArrayList<>();
            check(signals, settings, "daily", limits.dailyPicoUsd(), dayStart, day.toString(), out);
            check(
                    signals,
                    settings,
                    "monthly",
                    limits.monthlyPicoUsd(),
                    monthStart,
                    day.toString().substring(0, 7),
                    out);
            return out;
        }

        private void check(
                IncidentSignals signals,
                IncidentSettings settings,
                String period,
                long limitPicoUsd,
                long since,
                String label,
                List<Finding> out) {
            if (limitPicoUsd <= 0) {
                return;
            }
            long spent = signals.ledger().llmSpendPicoUsd(since, null);
            double share = (double) spent / limitPicoUsd;
            if (share < settings.budgetWarnShare()) {
                return;
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("period", label);
            evidence.put("spentUsd", spent / 1e12);
            evidence.put("budgetUsd", limitPicoUsd / 1e12);
            evidence.put("share", DataDetectors.round(share));
            evidence.put("warnShare", settings.budgetWarnShare());
            out.add(new Finding(
                    kind(),
                    period,
                    share >= 1 ? Incident.CRITICAL : Incident.WARNING,
                    String.format(
                            Locale.ROOT,
                            "LLM spend %s is $%.4f, %.0f%% of the %s budget of $%.4f",
                            label,
                            spent / 1e12,
                            share * 100,
                            period,
                            limitPicoUsd / 1e12),
                    evidence));
        }
    }
}
