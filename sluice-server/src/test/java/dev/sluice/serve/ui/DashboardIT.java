package dev.sluice.serve.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.access.ApiKeys;
import dev.sluice.incident.Incident;
import dev.sluice.retrieve.SearchMode;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard over plain HTTP against a real service: sign-in and its cookie, sessions, CSRF, 404s
 * without stack traces, escaping, and one team never seeing the other's documents, traces or
 * questions on any page.
 */
class DashboardIT {
    @TempDir
    static Path work;

    private static DashboardFixture f;
    private static Incident freshness;
    private static String alphaAskTrace;
    private static String alphaSearchTrace;
    private static String betaSearchTrace;
    private static long firstEval;
    private static long secondEval;
    private static final String SCRIPT_QUESTION = "<script>alert('q')</script> how do I look after a kayak";

    @BeforeAll
    static void start() throws Exception {
        f = DashboardFixture.start(work);
        firstEval = f.evaluate(List.of(SearchMode.BM25));
        secondEval = f.evaluate(List.of(SearchMode.BM25));
        alphaAskTrace = f.ask(f.alphaKey, SCRIPT_QUESTION).get("traceId").asText();
        alphaSearchTrace =
                f.search(f.alphaKey, "glacier maintenance").get("traceId").asText();
        betaSearchTrace = f.search(f.betaKey, "zeppelin budget").get("traceId").asText();
        freshness = f.breachAndCheck().stream()
                .filter(i -> i.kind() == Incident.Kind.FRESHNESS && i.subject().equals("alpha"))
                .findFirst()
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static List<String> pages(boolean withAlphaTrace) {
        List<String> out = new ArrayList<>(List.of(
                "/ui/",
                "/ui/sources",
                "/ui/quality",
                "/ui/quality?set=handbooks&a=" + firstEval + "&b=" + secondEval,
                "/ui/questions",
                "/ui/cost",
                "/ui/incidents",
                "/ui/incidents/" + freshness.id()));
        if (withAlphaTrace) {
            out.add("/ui/traces/" + alphaAskTrace);
            out.add("/ui/traces/" + alphaSearchTrace);
        }
        return out;
    }

    @Test
    void should_sign_in_with_a_key_and_set_a_session_cookie_that_scripts_and_other_sites_cannot_use() throws Exception {
        try (UiClient ui = new UiClient(f.base)) {
            HttpResponse<String> signedIn = ui.signIn(f.alphaKey);
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Location")).hasValue("/ui/");
            String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("sluice_session="))
                    .findFirst()
                    .orElseThrow();
            assertThat(cookie)
                    .contains("HttpOnly", "SameSite=Strict", "Path=/ui")
                    .doesNotContain("Secure");
            assertThat(cookie.substring("sluice_session=".length(), cookie.indexOf(';')))
                    .as("256 random bits")
                    .hasSize(43);
            HttpResponse<String> overview = ui.get("/ui/");
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("alice", "Sign out");
            assertThat(overview.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
            assertThat(overview.headers().firstValue("Cache-Control")).hasValue("no-store");

            HttpResponse<String> out = ui.post("/ui/logout", Map.of("csrf", UiClient.csrf(overview.body())));
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(ui.get("/ui/").statusCode()).as("signed out").isEqualTo(303);
        }
    }

    @Test
    void should_send_a_browser_without_a_session_to_the_sign_in_form() throws Exception {
        try (UiClient ui = new UiClient(f.base)) {
            for (String page : pages(true)) {
                HttpResponse<String> r = ui.get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(303);
                assertThat(r.headers().firstValue("Location").orElseThrow())
                        .as(page)
                        .startsWith("/ui/login?next=");
            }
            ui.cookies.getCookieStore().add(java.net.URI.create(f.base), new HttpCookie("sluice_session", "forged"));
            assertThat(ui.get("/ui/sources").statusCode())
                    .as("a made-up session")
                    .isEqualTo(303);
        }
    }

    @Test
    void should_show_the_form_again_with_an_error_for_a_bad_key_and_open_no_session() throws Exception {
        try (UiClient ui = new UiClient(f.base)) {
            HttpResponse<String> r = ui.signIn("sk_sluice_nosuch_key");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("not valid", "name=\"key\"");
            assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("sluice_session="));
            assertThat(ui.get("/ui/").statusCode()).isEqualTo(303);
        }
    }

    @Test
    void should_refuse_a_sign_in_posted_without_the_forms_token_or_from_another_site() throws Exception {
        try (UiClient ui = new UiClient(f.base)) {
            HttpResponse<String> noToken = ui.post("/ui/login", Map.of("key", f.alphaKey));
            assertThat(noToken.statusCode()).isEqualTo(403);
            String token = UiClient.loginToken(ui.get("/ui/login").body());
            HttpResponse<String> foreign = ui.post(
                    "/ui/login", Map.of("key", f.alphaKey, "login_token", token), "Origin", "https://evil.example");
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("sluice_session="));
        }
    }

    @Test
    void should_refuse_an_acknowledgement_without_the_sessions_csrf_token_and_change_nothing() throws Exception {
        try (UiClient ui = new UiClient(f.base)) {
            String ack = "/ui/incidents/" + freshness.id() + "/ack";
            assertThat(ui.post(ack, Map.of()).statusCode()).as("no session").isEqualTo(403);
            ui.signIn(f.alphaKey);
            String csrf =
                    UiClient.csrf(ui.get("/ui/incidents/" + freshness.id()).body());
            assertThat(ui.post(ack, Map.of()).statusCode()).as("no token").isEqualTo(403);
            HttpResponse<String> wrong = ui.post(ack, Map.of("csrf", csrf + "x"));
            assertThat(wrong.statusCode()).as("a wrong token").isEqualTo(403);
            assertThat(wrong.body()).contains("token does not match");
            assertThat(ui.post(ack, Map.of("csrf", csrf), "Origin", "http://evil.example")
                            .statusCode())
                    .as("the right token from another site")
                    .isEqualTo(403);
            assertThat(f.kb.incidentStore()
                            .incident(freshness.id())
                            .orElseThrow()
                            .acknowledged())
                    .isFalse();

            HttpResponse<String> done = ui.post(ack, Map.of("csrf", csrf), "Origin", f.base);
            assertThat(done.statusCode()).isEqualTo(303);
            Incident acknowledged =
                    f.kb.incidentStore().incident(freshness.id()).orElseThrow();
            assertThat(acknowledged.acknowledgedBy()).isEqualTo(f.alphaKeyId);
            assertThat(ui.get("/ui/incidents/" + freshness.id()).body()).contains("acknowledged", f.alphaKeyId);
        }
    }

    @Test
    void should_diagnose_an_answer_from_its_trace_page_for_its_owner_only() throws Exception {
        try (UiClient alpha = new UiClient(f.base);
                UiClient beta = new UiClient(f.base)) {
            alpha.signIn(f.alphaKey);
            beta.signIn(f.betaKey);
            String trace = alpha.get("/ui/traces/" + alphaAskTrace).body();
            assertThat(trace).contains("<h3>Diagnose</h3>", "name=\"expect\"");
            java.util.regex.Matcher action = java.util.regex.Pattern.compile("/ui/answers/(ans_[0-9a-f]+)/diagnose")
                    .matcher(trace);
            assertThat(action.find()).isTrue();
            String path = action.group();
            String csrf = UiClient.csrf(trace);
            HttpResponse<String> noToken = alpha.post(path, Map.of("expect", "kayak.md"));
            assertThat(noToken.statusCode()).isEqualTo(403);

            HttpResponse<String> shown = alpha.post(
                    path, Map.of("csrf", csrf, "expect", "kayak.md", "trace", alphaAskTrace), "Origin", f.base);
            assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
            assertThat(shown.body()).contains("Diagnosis of ans_", "Layer", "Cause", "Evidence", "Back to the trace");
            assertThat(shown.body()).doesNotContain("<script>alert");

            HttpResponse<String> hidden =
                    alpha.post(path, Map.of("csrf", csrf, "expect", DashboardFixture.BETA_FILE), "Origin", f.base);
            assertThat(hidden.statusCode()).isEqualTo(400);
            assertThat(hidden.body()).contains("no document").doesNotContain("not_visible");

            String betaCsrf = UiClient.csrf(beta.get("/ui/").body());
            HttpResponse<String> foreign =
                    beta.post(path, Map.of("csrf", betaCsrf, "expect", "kayak.md"), "Origin", f.base);
            assertThat(foreign.statusCode()).as("another team's answer").isEqualTo(404);
        }
    }

    @Test
    void should_answer_404_without_a_stack_trace_for_unknown_or_hidden_ids() throws Exception {
        try (UiClient alpha = new UiClient(f.base);
                UiClient beta = new UiClient(f.base)) {
            alpha.signIn(f.alphaKey);
            beta.signIn(f.betaKey);
            List<HttpResponse<String>> missing = List.of(
                    alpha.get("/ui/traces/" + "0".repeat(32)),
                    alpha.get("/ui/traces/not-a-trace"),
                    alpha.get("/ui/incidents/987654"),
                    alpha.get("/ui/incidents/abc"),
                    alpha.get("/ui/no-such-page"),
                    alpha.get("/ui/quality?set=no-such-set"),
                    beta.get("/ui/traces/" + alphaAskTrace),
                    beta.get("/ui/traces/" + alphaSearchTrace));
            for (HttpResponse<String> r : missing) {
                assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(404);
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
                assertThat(r.body())
                        .as(r.uri().toString())
                        .contains("Not found")
                        .doesNotContain("Exception", "\tat ");
            }
            assertThat(beta.get("/ui/traces/" + betaSearchTrace).statusCode())
                    .as("its own trace")
                    .isEqualTo(200);
        }
    }

    @Test
    void should_answer_every_page_with_html_and_escape_values_from_data() throws Exception {
        try (UiClient ui = new UiClient(f.base)) {
            ui.signIn(f.alphaKey);
            for (String page : pages(true)) {
                HttpResponse<String> r = ui.get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(200);
                assertThat(r.body()).as(page).startsWith("<!doctype html>").contains("</html>");
                assertThat(r.body().toLowerCase(Locale.ROOT)).as(page).doesNotContain("<script");
            }
            String questions = ui.get("/ui/questions").body();
            assertThat(questions).contains("/ui/traces/" + alphaSearchTrace, "/ui/traces/" + alphaAskTrace);
            assertThat(questions)
                    .contains("&lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; how do I look after a kayak");
            assertThat(ui.get("/ui/sources").body()).contains("&lt;script&gt;alert(1)&lt;x&gt;.md");
            String trace = ui.get("/ui/traces/" + alphaSearchTrace).body();
            assertThat(trace).contains("retrieve.bm25", "retrieve.dense", "glacier.md", "glacier maintenance");
            String compare = ui.get("/ui/quality?set=handbooks&a=" + firstEval + "&b=" + secondEval)
                    .body();
            assertThat(compare).contains("Run " + secondEval + " against run " + firstEval, "<svg");
        }
    }

    @Test
    void should_show_another_group_none_of_the_first_groups_documents_traces_or_questions() throws Exception {
        List<String> secrets = DashboardFixture.alphaSecrets(
                List.of(alphaAskTrace, alphaSearchTrace), List.of("glacier maintenance", "look after a kayak"));
        try (UiClient ui = new UiClient(f.base)) {
            ui.signIn(f.betaKey);
            for (String page : pages(false)) {
                HttpResponse<String> r = ui.get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(200);
                String html = r.body().toLowerCase(Locale.ROOT);
                for (String secret : secrets) {
                    assertThat(html).as("%s must not show %s", page, secret).doesNotContain(secret);
                }
            }
            assertThat(ui.get("/ui/questions").body()).contains("zeppelin budget", betaSearchTrace);
            assertThat(ui.get("/ui/quality").body())
                    .contains("Reading evaluation results needs an API key with the &#39;admin&#39; scope");
        }
    }

    @Test
    void should_end_a_session_at_the_first_request_after_its_key_was_revoked() throws Exception {
        var carol =
                ApiKeys.create(f.kb.keys(), "carol", List.of("alpha"), List.of("query"), System.currentTimeMillis());
        try (UiClient ui = new UiClient(f.base)) {
            assertThat(ui.signIn(carol.key()).statusCode()).isEqualTo(303);
            assertThat(ui.get("/ui/questions").statusCode()).isEqualTo(200);
            f.kb.keys().revokeApiKey(carol.record().id(), System.currentTimeMillis());
            Thread.sleep(5_100); // the session trusts its key as long as the API does
            assertThat(ui.get("/ui/questions").statusCode()).isEqualTo(303);
        }
    }
}
