package dev.sluice.serve.ui;

import dev.sluice.KnowledgeBase;
import dev.sluice.core.UsageException;
import dev.sluice.serve.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard at {@code /ui/}: server-rendered HTML pages over the same {@link KnowledgeBase} and
 * the same access rules as the API. Every page needs a session ({@link SignIn}); a request without
 * one is sent to the sign-in form. Every post needs the session's CSRF token and, when the browser
 * names an {@code Origin}, this server's. A refused or failed page is a page in the dashboard's style
 * with its status (404 for unknown or hidden ids), never a stack trace.
 */
public final class Dashboard {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    /** Where the dashboard lives. */
    public static final String PATH = "/ui";

    static final String HTML = "text/html; charset=utf-8";

    /** Nothing from another origin, no scripts, no framing: the pages need only their stylesheet. */
    private static final String CONTENT_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private Dashboard() {}

    /** What a page shows, as a whole HTML document. */
    @FunctionalInterface
    interface Page {
        String render(Context ctx, Viewer viewer) throws Exception;
    }

    /** What a form post does; it answers with a redirect. */
    @FunctionalInterface
    interface Action {
        void run(Context ctx, Viewer viewer) throws Exception;
    }

    /**
     * Adds the dashboard's routes.
     *
     * @param keyRecheckMillis how long a session trusts its key's record before reading it again (the
     *     API's own trust in a key lasts as long)
     */
    public static void register(RoutesConfig routes, KnowledgeBase kb, long keyRecheckMillis) {
        SignIn signIn = new SignIn(kb.keys(), new Sessions(kb.keys(), keyRecheckMillis));
        String css = resource("sluice.css");
        IncidentsPage incidents = new IncidentsPage(kb);
        routes.get(PATH + "/static/sluice.css", ctx -> {
            ctx.header("Cache-Control", "max-age=3600");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.contentType("text/css; charset=utf-8").result(css);
        });
        routes.get(PATH + "/login", ctx -> guarded(ctx, null, () -> signIn.form(ctx)));
        routes.post(PATH + "/login", ctx -> guarded(ctx, null, () -> signIn.submit(ctx)));
        routes.post(PATH + "/logout", action(signIn, signIn::logout));
        routes.get(PATH + "/", page(signIn, new OverviewPage(kb)::render)); // /ui too: trailing slashes are ignored
        routes.get(PATH + "/sources", page(signIn, new SourcesPage(kb)::render));
        routes.get(PATH + "/quality", page(signIn, new QualityPage(kb)::render));
        routes.get(PATH + "/questions", page(signIn, new QuestionsPage(kb)::render));
        routes.get(PATH + "/traces/{id}", page(signIn, new TracePage(kb)::render));
        routes.get(PATH + "/cost", page(signIn, new CostPage(kb)::render));
        routes.get(PATH + "/incidents", page(signIn, incidents::list));
        routes.get(PATH + "/incidents/{id}", page(signIn, incidents::detail));
        routes.post(PATH + "/incidents/{id}/ack", action(signIn, incidents::acknowledge));
        routes.post(PATH + "/answers/{id}/diagnose", form(signIn, new DiagnosePage(kb)::render));
        routes.get(PATH + "/*", page(signIn, (ctx, viewer) -> {
            throw PageError.notFound("page");
        }));
    }

    /** Whether a request path is the dashboard's. */
    public static boolean owns(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    private static Handler page(SignIn signIn, Page page) {
        return ctx -> {
            Viewer viewer = signIn.viewer(ctx);
            if (viewer == null) {
                headers(ctx);
                ctx.redirect(PATH + "/login?next=" + Formats.query(pathAndQuery(ctx)), HttpStatus.SEE_OTHER);
                return;
            }
            guarded(ctx, viewer, () -> {
                String html = page.render(ctx, viewer);
                headers(ctx);
                ctx.status(200).contentType(HTML).result(html);
            });
        };
    }

    /** A form post: a live session, no foreign {@code Origin}, the session's CSRF token; 403 otherwise. */
    private static Handler action(SignIn signIn, Action action) {
        return ctx -> {
            Viewer viewer = signIn.viewer(ctx);
            guarded(ctx, viewer, () -> {
                if (viewer == null) {
                    throw new PageError(403, "Sign in first: this form needs a session.");
                }
                refuseForeignOrigin(ctx);
                if (!viewer.session().csrfMatches(ctx.formParam("csrf"))) {
                    throw new PageError(
                            403, "This form's token does not match your session; reload the page and try again.");
                }
                action.run(ctx, viewer);
            });
        };
    }

    /**
     * A form post that answers with a page rather than a redirect (a diagnosis is worth showing at
     * once): the checks of {@link #action}, then the page.
     */
    private static Handler form(SignIn signIn, Page page) {
        return action(signIn, (ctx, viewer) -> {
            String html = page.render(ctx, viewer);
            headers(ctx);
            ctx.status(200).contentType(HTML).result(html);
        });
    }

    /** 403 for a post whose {@code Origin} is present and not this server (a page of another site). */
    static void refuseForeignOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equalsIgnoreCase(ctx.scheme() + "://" + ctx.host())) {
            throw new PageError(403, "This form was sent from another site (Origin " + origin + "); refused.");
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    /** Runs a page's work; whatever it throws becomes an error page with the right status. */
    private static void guarded(Context ctx, Viewer viewer, Work work) {
        try {
            work.run();
        } catch (PageError e) {
            error(ctx, viewer, e.status(), e.getMessage());
        } catch (ApiError e) {
            error(ctx, viewer, e.status(), e.getMessage());
        } catch (UsageException e) {
            error(ctx, viewer, 400, e.getMessage());
        } catch (Exception e) {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, viewer, 500, "Unexpected failure; the server log has the details.");
        }
    }

    private static void error(Context ctx, Viewer viewer, int status, String message) {
        String title = switch (status) {
            case 400 -> "Bad request";
            case 403 -> "Refused";
            case 404 -> "Not found";
            default -> status >= 500 ? "Something failed" : "Refused";
        };
        Html.Safe body = Html.of(
                "<p class=\"error\" role=\"alert\">{}</p><p><a href=\"/ui/\">Back to the overview</a></p>", message);
        headers(ctx);
        ctx.status(status)
                .contentType(HTML)
                .result(viewer == null ? Layout.bare(title, body) : Layout.page(viewer, title, "-", body));
    }

    /** The headers of every page: no caching of private data, no framing, nothing from elsewhere. */
    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    private static String pathAndQuery(Context ctx) {
        return ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's " + name, e);
        }
    }
}
