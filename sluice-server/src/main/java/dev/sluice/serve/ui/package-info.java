/**
 * The dashboard, served by {@code sluice serve} at {@code /ui/}: HTML rendered on the server, charts
 * as inline SVG ({@link dev.sluice.serve.ui.SvgChart}), one stylesheet from the jar, no JavaScript and
 * nothing fetched from anywhere else (the Content-Security-Policy says so to the browser).
 *
 * <p>Flow: {@link dev.sluice.serve.ui.Dashboard} registers the routes and wraps every page: no
 * session, to the sign-in form; a refused or failed page, an error page in the dashboard's style
 * ({@code PageError}: 404 for unknown or hidden ids, never a stack trace). {@code SignIn} turns a valid
 * API key into a server-side session ({@code Sessions}: a random 256-bit id in an {@code HttpOnly;
 * SameSite=Strict} cookie, 8 h idle, 12 h at most, ended by the key's revocation within 5 s). Each
 * page is one class ({@code OverviewPage}, {@code SourcesPage}, {@code QualityPage}, {@code
 * QuestionsPage} and {@code TracePage}, {@code CostPage}, {@code IncidentsPage}) that reads the
 * {@link dev.sluice.KnowledgeBase} and writes HTML.
 *
 * <p>Access: a session is its key. Pages ask the same {@link dev.sluice.serve.Caller} as the API does,
 * so the rules cannot drift: documents by their access lists, traces (and so questions) of the key
 * itself or every one for admin, answers given to the key or drawn from documents it may read, scopes
 * per page as the matching {@code /v1} route. docs/observability.md lists them.
 *
 * <p>Traps: every value from data goes through {@code Html.of}, which escapes it unless it is markup
 * the same method made; never concatenate data into a template. Every post carries the session's
 * CSRF token and is refused when its {@code Origin} is another site's. Pages read with limits (latest
 * runs, root spans of a window, answers by id), never the whole trace store, so each stays fast at
 * 100k chunks and 10k traces; the sources pages read the documents table once, as {@code /v1/sources}
 * does.
 */
package dev.sluice.serve.ui;
