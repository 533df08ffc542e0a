package dev.sluice.incident;

import dev.sluice.catalog.DocumentRecord;
import dev.sluice.catalog.RunRecord;
import dev.sluice.eval.EvalRunRecord;
import dev.sluice.eval.RunComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Detectors of the data a knowledge base is built from: freshness, quarantine, eval quality. */
final class DataDetectors {
    private DataDetectors() {}

    /** A configured source past its freshness target, or whose last sync failed. */
    static final class Freshness implements Detector {
        @Override
        public Incident.Kind kind() {
            return Incident.Kind.FRESHNESS;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            List<Finding> out = new ArrayList<>();
            List<Long> recentRuns =
                    signals.catalog().runs(5).stream().map(RunRecord::id).toList();
            for (IncidentSignals.SourceHealth s : signals.sources(now)) {
                if (s.lastError() == null && !s.breached(now)) {
                    continue;
                }
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("source", s.name());
                evidence.put("lastOkMillis", s.lastOkMillis());
                if (s.lastOkMillis() > 0) {
                    evidence.put("lagSeconds", (now - s.lastOkMillis()) / 1000);
                }
                if (s.freshness() != null) {
                    evidence.put("freshnessSeconds", s.freshness().toSeconds());
                }
                if (s.lastError() != null) {
                    evidence.put("lastError", s.lastError());
                }
                evidence.put("recentRuns", recentRuns);
                String summary;
                String severity;
                if (s.lastError() != null) {
                    summary = "source " + s.name() + ": the last sync failed: " + s.lastError();
                    severity = Incident.CRITICAL;
                } else if (s.lastOkMillis() == 0) {
                    summary = "source " + s.name() + " has never synced; its freshness target is "
                            + human(s.freshness().toSeconds());
                    severity = Incident.CRITICAL;
                } else {
                    long lag = (now - s.lastOkMillis()) / 1000;
                    summary = "source " + s.name() + " last synced " + human(lag) + " ago; its freshness target is "
                            + human(s.freshness().toSeconds());
                    severity = lag > 2 * s.freshness().toSeconds() ? Incident.CRITICAL : Incident.WARNING;
                }
                out.add(new Finding(kind(), s.name(), severity, summary, evidence));
            }
            return out;
        }
    }

    /** The latest run quarantined a share of what it processed well above the usual share. */
    static final class Quarantine implements Detector {
        /** Earlier runs that set the usual share. */
        private static final int HISTORY = 20;

        @Override
        public Incident.Kind kind() {
            return Incident.Kind.QUARANTINE;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            List<RunRecord> finished = signals.catalog().runs(HISTORY + 1).stream()
                    .filter(r -> r.finishedMillis() > 0 && r.counts() != null)
                    .sorted(Comparator.comparingLong(RunRecord::id).reversed())
                    .toList();
            if (finished.isEmpty()) {
                return List.of();
            }
            RunRecord latest = finished.getFirst();
            int processed = processed(latest);
            if (processed < settings.quarantineMinDocuments()) {
                return List.of();
            }
            double share = (double) latest.counts().quarantined() / processed;
            double[] earlier = finished.stream()
                    .skip(1)
                    .filter(r -> processed(r) > 0)
                    .mapToDouble(r -> (double) r.counts().quarantined() / processed(r))
                    .sorted()
                    .toArray();
            double usual = earlier.length == 0 ? 0 : earlier[earlier.length / 2];
            if (share < settings.quarantineMinShare() || share < settings.quarantineFactor() * usual) {
                return List.of();
            }
            Map<String, Integer> reasons = new TreeMap<>();
            List<Map<String, Object>> examples = new ArrayList<>();
            for (DocumentRecord d : signals.catalog().documentsOfRun(latest.id())) {
                if (!DocumentRecord.QUARANTINED.equals(d.status())) {
                    continue;
                }
                reasons.merge(String.valueOf(d.reason()), 1, Integer::sum);
                if (examples.size() < 10) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("uri", d.uri());
                    e.put("source", d.source());
                    e.put("reason", String.valueOf(d.reason()));
                    e.put("message", String.valueOf(d.message()));
                    examples.add(e);
                }
            }
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("runId", latest.id());
            evidence.put("processed", processed);
            evidence.put("quarantined", latest.counts().quarantined());
            evidence.put("share", round(share));
            evidence.put("usualShare", round(usual));
            evidence.put("earlierRuns", earlier.length);
            evidence.put("reasons", reasons);
            evidence.put("documents", examples);
            String summary = String.format(
                    Locale.ROOT,
                    "run %d quarantined %d of %d documents (%.0f%%); the usual share is %.0f%%",
                    latest.id(),
                    latest.counts().quarantined(),
                    processed,
                    share * 100,
                    usual * 100);
            String severity = share >= 0.5 ? Incident.CRITICAL : Incident.WARNING;
            return List.of(new Finding(kind(), "ingest", severity, summary, evidence));
        }

        private static int processed(RunRecord r) {
            return r.counts().ingested() + r.counts().quarantined();
        }
    }

    /**
     * The latest eval run of a set significantly below its baseline: the run before it, or, while an
     * incident is open, the baseline that incident named, so the incident stays open until the set
     * is back (a second bad run does not become the new normal).
     */
    static final class EvalRegression implements Detector {
        @Override
        public Incident.Kind kind() {
            return Incident.Kind.EVAL_REGRESSION;
        }

        @Override
        public List<Finding> detect(IncidentSignals signals, IncidentSettings settings, long now) {
            Map<String, List<EvalRunRecord>> bySet = new LinkedHashMap<>();
            for (EvalRunRecord r : signals.evalRuns().evalRuns()) {
                bySet.computeIfAbsent(r.setFingerprint(), k -> new ArrayList<>())
                        .add(r);
            }
            Map<String, Incident> open = new LinkedHashMap<>();
            signals.incidents().incidents(true, 1000).stream()
                    .filter(i -> i.kind() == kind())
                    .forEach(i -> open.put(i.subject(), i));
            List<Finding> out = new ArrayList<>();
            for (List<EvalRunRecord> runs : bySet.values()) {
                if (runs.size() < 2) {
                    continue;
                }
                runs.sort(Comparator.comparingLong(EvalRunRecord::id));
                EvalRunRecord latest = runs.getLast();
                String subject = latest.setName();
                EvalRunRecord baseline = Optional.ofNullable(open.get(subject))
                        .map(i -> i.evidence().get("baselineRunId"))
                        .map(id -> ((Number) id).longValue())
                        .flatMap(id -> runs.stream().filter(r -> r.id() == id).findFirst())
                        .orElse(runs.get(runs.size() - 2));
                if (baseline.id() == latest.id()) {
                    continue;
                }
                RunComparison.Report report;
                try {
                    report = RunComparison.compare(
                            baseline,
                            signals.evalRuns().evalResults(baseline.id()),
                            latest,
                            signals.evalRuns().evalResults(latest.id()),
                            null,
                            5,
                            42);
                } catch (IllegalArgumentException e) {
                    continue; // nothing in common to compare
                }
                List<String> failures = RunComparison.regressions(report, signals.evalMaxDrop(), signals.evalAlpha());
                if (failures.isEmpty()) {
                    continue;
                }
                List<Map<String, Object>> moved = new ArrayList<>();
                for (RunComparison.QueryMove m : report.regressed()) {
                    Map<String, Object> q = new LinkedHashMap<>();
                    q.put("mode", m.mode());
                    q.put("query", m.queryId());
                    q.put("before", round(m.before()));
                    q.put("after", round(m.after()));
                    moved.add(q);
                }
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("set", latest.setName());
                evidence.put("baselineRunId", baseline.id());
                evidence.put("evalRunId", latest.id());
                evidence.put("metric", report.metric());
                evidence.put("failures", failures);
                evidence.put("regressedQueries", moved);
                evidence.put("maxDrop", signals.evalMaxDrop());
                evidence.put("alpha", signals.evalAlpha());
                String summary = "eval set " + latest.setName() + ", run " + latest.id() + ": " + failures.getFirst()
                        + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : "");
                out.add(new Finding(kind(), subject, Incident.CRITICAL, summary, evidence));
            }
            return out;
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** 90 s, 45 min, 3 h, 2 d. */
    static String human(long seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h";
        }
        return seconds / 86400 + " d";
    }
}
