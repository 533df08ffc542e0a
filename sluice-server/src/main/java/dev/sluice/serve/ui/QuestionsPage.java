package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.answer.AnswerRecord;
import dev.sluice.answer.AnswerStore;
import dev.sluice.diagnose.FeedbackBreakdown;
import dev.sluice.observe.SpanRecord;
import dev.sluice.observe.Tracing;
import dev.sluice.serve.ui.Html.Safe;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Questions: the latest searches and answers, from their requests' traces, each opening its whole
 * trace. As {@code /v1/traces}: a key sees the requests made with it, an admin key every request; an
 * answer's text is shown only where the viewer may read it (its own, or drawn from documents it may
 * read).
 */
final class QuestionsPage {
    /** How far back the page looks. */
    static final long WINDOW_MILLIS = 7 * 86_400_000L;
    /** Root spans read at most, and requests listed at most: the page's cost stays bounded. */
    static final int READ = 2_000;

    static final int SHOWN = 100;
    /** How far back the breakdown of thumbs-down failures looks, and how much feedback it reads at most. */
    static final long FAILURES_WINDOW_MILLIS = 28 * 86_400_000L;

    static final int FEEDBACK_READ = 5_000;
    private static final Set<String> ROUTES = Set.of("/v1/search", "/v1/ask");

    private final KnowledgeBase kb;

    QuestionsPage(KnowledgeBase kb) {
        this.kb = kb;
    }

    String render(Context ctx, Viewer viewer) {
        if (!viewer.has("query") && !viewer.admin()) {
            return Layout.page(viewer, "Questions", "questions", Layout.needsScope("questions", "query", "admin"));
        }
        kb.flushTraces();
        List<List<Object>> rows = new ArrayList<>();
        for (SpanRecord s : kb.traces().rootSpans(System.currentTimeMillis() - WINDOW_MILLIS, READ)) {
            if (rows.size() >= SHOWN) {
                break;
            }
            Object route = s.attributes().get("http.route");
            if (route == null
                    || !ROUTES.contains(route.toString())
                    || !viewer.caller().mayReadTraceOf(keyId(s))) {
                continue;
            }
            AnswerRecord answer = answer(s, viewer);
            rows.add(List.of(
                    Html.time(s.startEpochNanos() / 1_000_000),
                    route.toString().equals("/v1/ask") ? "ask" : "search",
                    Html.of(
                            "<a href=\"/ui/traces/{}\">{}</a>",
                            s.traceId(),
                            String.valueOf(s.attributes().getOrDefault(Tracing.QUERY.getKey(), "(not recorded)"))),
                    answer == null ? "" : answer.kind(),
                    answer == null ? Safe.EMPTY : Html.of("<span class=\"clip\">{}</span>", answer.answer()),
                    status(s),
                    Formats.millis(s.durationMillis()),
                    keyId(s)));
        }
        Safe body = Html.of(
                "<section><p class=\"note\">{} of the last 7 days, newest first. Open one to see its whole trace.</p>{}</section>",
                viewer.admin() ? "Searches and questions of every key" : "Your key's searches and questions",
                Html.table(
                        "No searches or questions yet.",
                        List.of("When", "Kind", "Question", "Answer", "", "Status", "Took", "Key"),
                        rows));
        return Layout.page(viewer, "Questions", "questions", Html.join(List.of(body, failures(viewer))));
    }

    /**
     * Where thumbs-down answers fail: the share of diagnosed thumbs-down feedback per layer over the last
     * four weeks, overall and per week, on the answers the viewer may read (an admin: every such answer;
     * others: their own). The breakdown that tells a team where to invest.
     */
    private Safe failures(Viewer viewer) {
        List<AnswerStore.Feedback> mine = new ArrayList<>();
        for (AnswerStore.Feedback f :
                kb.answers().feedbackSince(System.currentTimeMillis() - FAILURES_WINDOW_MILLIS, FEEDBACK_READ)) {
            boolean own = f.answer().principal().equals(viewer.caller().key().principal());
            if ((own || viewer.admin()) && viewer.caller().mayReadAnswer(f.answer(), kb.catalog()::document)) {
                mine.add(f);
            }
        }
        FeedbackBreakdown b = FeedbackBreakdown.of(mine);
        List<List<Object>> rows = new ArrayList<>();
        if (b.diagnosed() > 0) {
            List<Object> total = new ArrayList<>(List.of("all 4 weeks", b.diagnosed()));
            b.byLayer().keySet().forEach(l -> total.add(percent(b.share(l))));
            rows.add(total);
            for (FeedbackBreakdown.Week w : b.weeks()) {
                List<Object> row = new ArrayList<>(List.of("week of " + w.start(), w.diagnosed()));
                w.byLayer().keySet().forEach(l -> row.add(percent(w.share(l))));
                rows.add(row);
            }
        }
        List<String> head = new ArrayList<>(List.of("", "Diagnosed"));
        head.addAll(b.byLayer().keySet());
        return Html.of(
                "<section><h2>Where thumbs-down answers fail</h2><p class=\"note\">{} thumbs-down in the last 4"
                        + " weeks, {} diagnosed: the share failing in each layer (docs/diagnosis.md).</p>{}</section>",
                b.downs(),
                b.diagnosed(),
                Html.table("No diagnosed thumbs-down yet.", head, rows));
    }

    private static String percent(double share) {
        return String.format(java.util.Locale.ROOT, "%.0f%%", 100 * share);
    }

    static String keyId(SpanRecord root) {
        Object key = root.attributes().get(Tracing.KEY_ID.getKey());
        return key == null ? "" : key.toString();
    }

    /** The answer a request gave, when it gave one the viewer may read. */
    private AnswerRecord answer(SpanRecord root, Viewer viewer) {
        Object id = root.attributes().get(Tracing.ANSWER_ID.getKey());
        AnswerRecord a = id == null ? null : kb.answers().answer(id.toString());
        return a != null && viewer.caller().mayReadAnswer(a, kb.catalog()::document) ? a : null;
    }

    static Safe status(SpanRecord root) {
        int code = ServiceHealth.status(root);
        return Html.of("<span class=\"badge {}\">{}</span>", code >= 500 ? "bad" : code >= 400 ? "" : "good", code);
    }
}
