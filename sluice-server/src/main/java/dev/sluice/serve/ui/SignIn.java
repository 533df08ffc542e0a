package dev.sluice.serve.ui;

import dev.sluice.access.ApiKeyRecord;
import dev.sluice.access.ApiKeyStore;
import dev.sluice.access.ApiKeys;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Signing in with an API key, and out. The session cookie is {@code HttpOnly; SameSite=Strict;
 * Path=/ui} ({@code Secure} over https): scripts cannot read it and no other site's page can make the
 * browser send it.
 *
 * <p>Login CSRF (another site signing the browser in with the attacker's key) is refused twice over:
 * the form carries a token that must equal a pre-session cookie ({@code sluice_login}, also {@code
 * SameSite=Strict}, so a cross-site post arrives without it), and a post whose {@code Origin} header is
 * present and not this server is refused (403) like every other post of the dashboard. Failed sign-ins
 * are limited per client address ({@link LoginThrottle}).
 */
final class SignIn {
    static final String LOGIN_COOKIE = "sluice_login";
    /** Longest key the form accepts; real keys are far shorter. */
    private static final int MAX_KEY_CHARS = 200;

    private final ApiKeyStore keys;
    private final Sessions sessions;
    private final LoginThrottle throttle = new LoginThrottle();

    SignIn(ApiKeyStore keys, Sessions sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    /** The viewer of the request's session, or null when it has none (or it ended). */
    Viewer viewer(Context ctx) {
        Sessions.Session s = sessions.find(ctx.cookie(Sessions.COOKIE), System.currentTimeMillis());
        return s == null ? null : Viewer.of(s);
    }

    /** {@code GET /ui/login}: the form (or the overview, for a browser signed in already). */
    void form(Context ctx) {
        if (viewer(ctx) != null) {
            ctx.redirect(next(ctx.queryParam("next")), HttpStatus.SEE_OTHER);
            return;
        }
        showForm(ctx, 200, null);
    }

    /** {@code POST /ui/login}. */
    void submit(Context ctx) {
        Dashboard.refuseForeignOrigin(ctx);
        String token = ctx.cookie(LOGIN_COOKIE);
        String presented = ctx.formParam("login_token");
        if (token == null || presented == null || !MessageDigest.isEqual(bytes(token), bytes(presented))) {
            throw new PageError(
                    403,
                    "The sign-in form expired or came from another site. Open /ui/login again and sign in from"
                            + " there.");
        }
        long now = System.currentTimeMillis();
        String address = ctx.ip();
        long wait = throttle.refusedForSeconds(address, now);
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            showForm(
                    ctx,
                    429,
                    "Too many failed sign-ins from this address; try again in " + Formats.seconds(wait) + ".");
            return;
        }
        String key = String.valueOf(ctx.formParam("key")).strip();
        ApiKeyRecord record = key.isEmpty() || key.length() > MAX_KEY_CHARS ? null : ApiKeys.authenticate(keys, key);
        if (record == null) {
            throttle.failed(address, now);
            showForm(ctx, 401, "That API key is not valid (unknown or revoked).");
            return;
        }
        throttle.succeeded(address);
        Sessions.Session session = sessions.open(record, ApiKeys.hash(key), now);
        if (session == null) {
            showForm(ctx, 503, "The dashboard holds as many sessions as it can; try again later.");
            return;
        }
        ctx.res().addHeader("Set-Cookie", cookie(ctx, Sessions.COOKIE, session.id(), "/ui", -1));
        ctx.res().addHeader("Set-Cookie", cookie(ctx, LOGIN_COOKIE, "", "/ui/login", 0));
        ctx.redirect(next(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /ui/logout} (the action wrapper checked the session and its CSRF token). */
    void logout(Context ctx, Viewer viewer) {
        sessions.close(viewer.session().id());
        ctx.res().addHeader("Set-Cookie", cookie(ctx, Sessions.COOKIE, "", "/ui", 0));
        ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
    }

    private void showForm(Context ctx, int status, String error) {
        String token = Sessions.token();
        ctx.res().addHeader("Set-Cookie", cookie(ctx, LOGIN_COOKIE, token, "/ui/login", 3600));
        String next = ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next");
        Dashboard.headers(ctx);
        ctx.status(status)
                .contentType(Dashboard.HTML)
                .result(Layout.bare(
                        "Sign in",
                        Html.of(
                                """
                                {}<form class="login" method="post" action="/ui/login">
                                <input type="hidden" name="login_token" value="{}">
                                <input type="hidden" name="next" value="{}">
                                <label for="key">API key</label>
                                <input id="key" name="key" type="password" autocomplete="off" required
                                 placeholder="sk_sluice_...">
                                <button type="submit">Sign in</button></form>
                                <p class="note">The dashboard shows what this key may read through the API, nothing
                                more. Create a key with <code>sluice keys create</code>.</p>
                                """,
                                error == null
                                        ? Html.Safe.EMPTY
                                        : Html.of("<p class=\"error\" role=\"alert\">{}</p>", error),
                                token,
                                next(next))));
    }

    /** Where to go after signing in: a dashboard path, never another site. */
    static String next(String requested) {
        if (requested != null
                && requested.startsWith("/ui/")
                && !requested.startsWith("/ui/login")
                && requested.chars().noneMatch(c -> c == '\\' || c < 0x20)
                && !requested.contains("//")) {
            return requested;
        }
        return "/ui/";
    }

    private static String cookie(Context ctx, String name, String value, String path, int maxAgeSeconds) {
        return name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=Strict"
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "")
                + ("https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : "");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
