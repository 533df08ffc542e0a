package dev.sluice.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.Evaluations;
import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.Asker;
import dev.sluice.answer.FeedbackRecord;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.EffectiveConfig;
import dev.sluice.config.Flags;
import dev.sluice.eval.Metric;
import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.RunOptions;
import dev.sluice.llm.LlmCallRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.retrieve.SearchMode;
import dev.sluice.testkit.TopicNotes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each detector on a real knowledge base (Lucene, SQLite, the ONNX model): opened by a real condition
 * (a sync that is too old or failed, a run full of corrupt files, an eval run after half the corpus
 * went missing, failed and slow requests in the traces, spend in the ledger, feedback and answers,
 * questions the corpus cannot answer) and resolved when the condition clears, never opened twice.
 */
class IncidentMonitorIT {
    private static final List<String> TOPICS = TopicNotes.TOPICS;

    @TempDir
    Path work;

    /** A knowledge base over {@code docs/} with the given extra sluice.yaml text under the source. */
    private KnowledgeBase knowledgeBase(String sourceExtra, String extra) throws Exception {
        TopicNotes.write(work.resolve("docs"), TOPICS);
        Path yaml = work.resolve("sluice.yaml");
        Files.writeString(
                yaml,
                "index: index\nsources:\n  - name: docs\n    path: docs\n" + sourceExtra + extra,
                StandardCharsets.UTF_8);
        return KnowledgeBase.openOrCreate(EffectiveConfig.resolve(ConfigLoader.load(yaml), Flags.NONE));
    }

    private static String note(String topic) {
        return TopicNotes.note(topic);
    }

    private static void sync(KnowledgeBase kb) {
        kb.sync(kb.configuredRun(RunOptions.DEFAULTS), ProgressListener.NONE);
    }

    private static IncidentMonitor monitor(KnowledgeBase kb, IncidentSettings settings, Clock clock) {
        return new IncidentMonitor(kb.incidentSignals(), settings, clock);
    }

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private static List<Incident> openOf(IncidentMonitor.Check check, Incident.Kind kind) {
        return check.open().stream().filter(i -> i.kind() == kind).toList();
    }

    @Test
    void should_open_a_freshness_incident_when_a_source_is_past_its_target_and_resolve_it_after_a_sync()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase("    freshness: 1h\n", "")) {
            sync(kb);
            long synced = System.currentTimeMillis();
            IncidentSettings settings = IncidentSettings.DEFAULTS;
            assertThat(openOf(monitor(kb, settings, at(synced + 1_000)).check(), Incident.Kind.FRESHNESS))
                    .isEmpty();

            IncidentMonitor.Check late = monitor(
                            kb, settings, at(synced + Duration.ofMinutes(90).toMillis()))
                    .check();
            assertThat(late.opened()).hasSize(1);
            Incident stale = late.opened().getFirst();
            assertThat(stale.kind()).isEqualTo(Incident.Kind.FRESHNESS);
            assertThat(stale.subject()).isEqualTo("docs");
            assertThat(stale.severity()).isEqualTo(Incident.WARNING);
            assertThat(stale.summary()).contains("docs", "last synced", "target is 60 min");
            assertThat(((Number) stale.evidence().get("freshnessSeconds")).longValue())
                    .isEqualTo(3600);
            assertThat(stale.evidence().get("recentRuns"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .isNotEmpty();

            IncidentMonitor.Check later = monitor(
                            kb, settings, at(synced + Duration.ofHours(3).toMillis()))
                    .check();
            assertThat(later.opened())
                    .as("the same condition never opens a second incident")
                    .isEmpty();
            assertThat(openOf(later, Incident.Kind.FRESHNESS)).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(stale.id());
                assertThat(i.severity()).as("past twice the target").isEqualTo(Incident.CRITICAL);
            });

            sync(kb);
            IncidentMonitor.Check fresh = monitor(kb, settings, at(System.currentTimeMillis() + 1_000))
                    .check();
            assertThat(fresh.resolved()).extracting(Incident::id).containsExactly(stale.id());
            assertThat(kb.incidentStore().incident(stale.id()).orElseThrow().state())
                    .isEqualTo("resolved");
        }
    }

    @Test
    void should_open_a_critical_freshness_incident_when_a_source_fails_to_sync() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            Path docs = work.resolve("docs");
            Path aside = Files.move(docs, work.resolve("docs-away"));
            assertThatThrownBy(() -> sync(kb)).hasMessageContaining("does not exist");
            IncidentMonitor monitor = monitor(kb, IncidentSettings.DEFAULTS, Clock.systemUTC());
            IncidentMonitor.Check failing = monitor.check();
            assertThat(openOf(failing, Incident.Kind.FRESHNESS)).singleElement().satisfies(i -> {
                assertThat(i.severity()).isEqualTo(Incident.CRITICAL);
                assertThat(i.summary()).contains("the last sync failed");
                assertThat(i.evidence()).containsKey("lastError");
            });
            Files.move(aside, docs);
            sync(kb);
            assertThat(openOf(monitor.check(), Incident.Kind.FRESHNESS)).isEmpty();
        }
    }

    @Test
    void should_open_a_quarantine_incident_for_a_run_full_of_corrupt_files_and_resolve_after_a_clean_run()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            Path docs = work.resolve("docs");
            for (int i = 0; i < 6; i++) {
                Files.write(
                        docs.resolve("broken-" + i + ".pdf"), "%PDF-1.7 garbage".getBytes(StandardCharsets.US_ASCII));
            }
            sync(kb);
            IncidentMonitor monitor = monitor(kb, IncidentSettings.DEFAULTS, Clock.systemUTC());
            IncidentMonitor.Check surge = monitor.check();
            Incident incident = openOf(surge, Incident.Kind.QUARANTINE).getFirst();
            assertThat(incident.summary()).contains("quarantined 6 of 6 documents (100%)", "usual share is 0%");
            assertThat(incident.severity()).isEqualTo(Incident.CRITICAL);
            assertThat(incident.evidence().get("documents"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(6);
            assertThat(incident.evidence().get("reasons").toString()).isNotEmpty();

            for (int i = 0; i < 6; i++) {
                Files.delete(docs.resolve("broken-" + i + ".pdf"));
                Files.writeString(docs.resolve("extra-" + i + ".md"), note("extra topic " + i), StandardCharsets.UTF_8);
            }
            sync(kb);
            IncidentMonitor.Check clean = monitor.check();
            assertThat(clean.resolved()).extracting(Incident::id).containsExactly(incident.id());
        }
    }

    @Test
    void should_open_an_eval_regression_when_half_the_corpus_goes_missing_and_resolve_when_it_is_back()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            Path set = work.resolve("topics.jsonl");
            List<String> lines = new ArrayList<>();
            kb.documents().forEach((uri, d) -> lines.add(TopicNotes.question(d.path(), uri)));
            Files.write(set, lines, StandardCharsets.UTF_8);
            Evaluations.RunRequest run = new Evaluations.RunRequest(
                    set, null, List.of(SearchMode.BM25), List.of(Metric.parse("ndcg@10")), 10, 1, false, null);
            kb.eval().run(run);
            IncidentMonitor monitor = monitor(kb, IncidentSettings.DEFAULTS, Clock.systemUTC());
            assertThat(openOf(monitor.check(), Incident.Kind.EVAL_REGRESSION)).isEmpty();

            // An extraction gone wrong: half the notes now hold text about something else.
            Path docs = work.resolve("docs");
            TopicNotes.spoil(docs, TOPICS.subList(0, 10));
            sync(kb);
            long baseline = kb.evalRuns().evalRuns().getFirst().id();
            long worse = kb.eval().run(run).run().id();
            Incident regression =
                    openOf(monitor.check(), Incident.Kind.EVAL_REGRESSION).getFirst();
            assertThat(regression.subject()).isEqualTo("topics");
            assertThat(((Number) regression.evidence().get("evalRunId")).longValue())
                    .isEqualTo(worse);
            assertThat(((Number) regression.evidence().get("baselineRunId")).longValue())
                    .isEqualTo(baseline);
            assertThat(regression.summary()).contains("bm25 ndcg@10 dropped");
            assertThat(regression.evidence().get("regressedQueries"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(5);

            kb.eval().run(run); // still broken: compared with the incident's baseline, not the broken run before
            assertThat(openOf(monitor.check(), Incident.Kind.EVAL_REGRESSION))
                    .extracting(Incident::id)
                    .containsExactly(regression.id());

            for (String topic : TOPICS.subList(0, 10)) {
                Files.writeString(docs.resolve(topic + ".md"), note(topic), StandardCharsets.UTF_8);
            }
            sync(kb);
            kb.eval().run(run);
            assertThat(monitor.check().resolved()).extracting(Incident::id).containsExactly(regression.id());
        }
    }

    @Test
    void should_open_service_objective_incidents_from_failed_and_slow_requests_in_the_traces() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            for (int i = 0; i < 30; i++) {
                try (Tracing.Operation request = kb.trace("GET /v1/search", Context.root(), SpanKind.SERVER)) {
                    request.span().setAttribute("http.route", "/v1/search");
                    request.span().setAttribute("http.response.status_code", i % 3 == 0 ? 503 : 200);
                    if (i % 10 == 0) {
                        Thread.sleep(40);
                    }
                }
            }
            kb.flushTraces();
            IncidentSettings settings = IncidentSettings.DEFAULTS.withObjectives(Duration.ofMinutes(5), 0.05, 20, 20);
            long now = System.currentTimeMillis();
            IncidentMonitor.Check check = monitor(kb, settings, at(now)).check();
            List<Incident> objectives = openOf(check, Incident.Kind.SERVICE_OBJECTIVE);
            assertThat(objectives).extracting(Incident::subject).containsExactlyInAnyOrder("errors", "latency");
            Incident errors = objectives.stream()
                    .filter(i -> i.subject().equals("errors"))
                    .findFirst()
                    .orElseThrow();
            assertThat(((Number) errors.evidence().get("errors")).intValue()).isEqualTo(10);
            assertThat(((Number) errors.evidence().get("requests")).intValue()).isEqualTo(30);
            assertThat(errors.evidence().get("traceIds"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(10);
            Incident latency = objectives.stream()
                    .filter(i -> i.subject().equals("latency"))
                    .findFirst()
                    .orElseThrow();
            assertThat(((Number) latency.evidence().get("p99Ms")).longValue()).isGreaterThanOrEqualTo(40);

            // Ten minutes on, the requests left the window: too few to judge, so both resolve.
            IncidentMonitor.Check quiet = monitor(
                            kb, settings, at(now + Duration.ofMinutes(10).toMillis()))
                    .check();
            assertThat(quiet.resolved()).extracting(Incident::subject).containsExactlyInAnyOrder("errors", "latency");
        }
    }

    @Test
    void should_warn_near_the_daily_budget_turn_critical_over_it_and_resolve_the_next_day() throws Exception {
        try (KnowledgeBase kb = knowledgeBase(
                "", "llm:\n  baseUrl: http://127.0.0.1:9/v1\n  model: gpt-4o-mini\n  budget:\n    dailyUsd: 0.01\n")) {
            sync(kb);
            long now = Instant.parse("2026-12-07T12:00:00Z").toEpochMilli();
            kb.ledger().recordLlmCall(call(now - 60_000, 8_500_000_000L)); // $0.0085
            IncidentMonitor monitor = monitor(kb, IncidentSettings.DEFAULTS, at(now));
            Incident near = openOf(monitor.check(), Incident.Kind.BUDGET).getFirst();
            assertThat(near.subject()).isEqualTo("daily");
            assertThat(near.severity()).isEqualTo(Incident.WARNING);
            assertThat(near.summary()).contains("85%", "daily budget");

            kb.ledger().recordLlmCall(call(now - 30_000, 2_000_000_000L));
            assertThat(openOf(monitor.check(), Incident.Kind.BUDGET))
                    .singleElement()
                    .satisfies(i -> assertThat(i.severity()).isEqualTo(Incident.CRITICAL));

            IncidentMonitor tomorrow = monitor(
                    kb, IncidentSettings.DEFAULTS, at(now + Duration.ofDays(1).toMillis()));
            assertThat(tomorrow.check().resolved()).extracting(Incident::id).containsExactly(near.id());
        }
    }

    private static LlmCallRecord call(long at, long picoUsd) {
        return new LlmCallRecord(
                0, at, "answer", "gpt-4o-mini", "answer@1", "", 1000, 100, picoUsd, 300, "ok", 1, null);
    }

    @Test
    void should_open_feedback_and_not_found_incidents_when_their_shares_rise_and_resolve_when_they_fall()
            throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            long now = System.currentTimeMillis();
            long day = Duration.ofDays(1).toMillis();
            // Baseline (the week before the last day): 40 answers, 4 thumbs down, 4 not found.
            for (int i = 0; i < 40; i++) {
                answer(kb, "base-" + i, i < 4 ? "not_found" : "model", now - 3 * day + i, i < 4 ? "down" : "up");
            }
            // The last day: 20 answers, 12 thumbs down, 12 not found.
            for (int i = 0; i < 20; i++) {
                answer(kb, "recent-" + i, i < 12 ? "not_found" : "model", now - 3_600_000 + i, i < 12 ? "down" : "up");
            }
            IncidentMonitor monitor = monitor(kb, IncidentSettings.DEFAULTS, at(now));
            IncidentMonitor.Check rising = monitor.check();
            Incident down = openOf(rising, Incident.Kind.FEEDBACK).getFirst();
            Incident notFound = openOf(rising, Incident.Kind.NOT_FOUND).getFirst();
            assertThat(down.summary()).contains("thumbs-down", "from 10% to 60%");
            assertThat(((Number) down.evidence().get("recentBad")).intValue()).isEqualTo(12);
            assertThat(down.evidence().get("answerIds"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .hasSize(10)
                    .allMatch(id -> id.toString().startsWith("recent-"));
            assertThat(notFound.summary()).contains("not found", "from 10% to 60%");

            for (int i = 0; i < 60; i++) { // good answers and thumbs up since: both shares fall back
                answer(kb, "later-" + i, "model", now - 1_000_000 + i, "up");
            }
            IncidentMonitor.Check calm = monitor.check();
            assertThat(calm.resolved()).extracting(Incident::id).containsExactlyInAnyOrder(down.id(), notFound.id());
        }
    }

    private static void answer(KnowledgeBase kb, String id, String kind, long at, String rating) {
        kb.answers().addAnswer(new AnswerRecord(id, "k1", "ana", "a question", "an answer", kind, List.of(), at));
        kb.answers().addFeedback(new FeedbackRecord(0, id, "k1", "ana", rating, null, at));
    }

    @Test
    void should_open_a_similarity_drift_incident_when_questions_stop_matching_the_corpus() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("", "")) {
            sync(kb);
            IncidentSettings settings = IncidentSettings.DEFAULTS.withTrendWindows(
                    Duration.ofMillis(1_500), // the recent window
                    Duration.ofSeconds(60)); // the baseline window before it
            IncidentMonitor monitor = monitor(kb, settings, Clock.systemUTC());
            askAll(kb, TOPICS.stream().map(t -> "why does the " + t + " matter").toList());
            Thread.sleep(1_600);
            askAll(
                    kb,
                    List.of(
                            "quarterly revenue of the bank",
                            "how to file taxes",
                            "best pizza dough recipe",
                            "kubernetes pod eviction",
                            "interest rate swaps",
                            "python list comprehension",
                            "medieval tax law",
                            "football transfer rumours",
                            "gene expression in yeast",
                            "cheap flights to lisbon",
                            "mortgage refinancing",
                            "css grid layout",
                            "symptoms of flu",
                            "stock option vesting",
                            "wedding speech ideas",
                            "router firmware",
                            "crossword clue help",
                            "dog training tips",
                            "battery chemistry",
                            "tariff schedules"));
            IncidentMonitor.Check drift = monitor.check();
            Incident incident = openOf(drift, Incident.Kind.SIMILARITY_DRIFT).getFirst();
            assertThat(((Number) incident.evidence().get("drop")).doubleValue()).isGreaterThan(0.05);
            assertThat(incident.evidence().get("lowestTraceIds"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .isNotEmpty();

            Thread.sleep(1_600);
            askAll(kb, TOPICS.stream().map(t -> "where is the " + t + " found").toList());
            assertThat(monitor.check().resolved()).extracting(Incident::id).containsExactly(incident.id());
        }
    }

    private static void askAll(KnowledgeBase kb, List<String> questions) {
        for (String q : questions) {
            kb.ask(q, Asker.Options.DEFAULTS);
        }
        kb.flushTraces();
    }

    @Test
    void should_resolve_nothing_of_a_detector_that_fails_and_say_why() throws Exception {
        try (KnowledgeBase kb = knowledgeBase("    freshness: 1h\n", "")) {
            sync(kb);
            long late = System.currentTimeMillis() + Duration.ofHours(2).toMillis();
            Incident stale = monitor(kb, IncidentSettings.DEFAULTS, at(late))
                    .check()
                    .opened()
                    .getFirst();
            IncidentSignals broken = new ForwardingSignals(kb.incidentSignals()) {
                @Override
                public List<SourceHealth> sources(long nowMillis) {
                    throw new IllegalStateException("catalog unreadable");
                }
            };
            IncidentMonitor.Check check = new IncidentMonitor(broken, IncidentSettings.DEFAULTS, at(late)).check();
            assertThat(check.failures()).containsEntry("freshness", "catalog unreadable");
            assertThat(check.resolved()).isEmpty();
            assertThat(kb.incidentStore().incident(stale.id()).orElseThrow().open())
                    .isTrue();
            assertThat(Map.copyOf(check.failures())).hasSize(1);
        }
    }
}
