package dev.sluice.serve.ui;

import dev.sluice.serve.ui.Html.Safe;
import java.util.ArrayList;
import java.util.List;

/** The frame around every page: the stylesheet, the navigation, who is signed in and the sign-out form. */
final class Layout {
    /** The pages in the navigation: path under {@code /ui/} and title. */
    private static final List<String[]> PAGES = List.of(
            new String[] {"", "Overview"},
            new String[] {"sources", "Sources"},
            new String[] {"quality", "Quality"},
            new String[] {"questions", "Questions"},
            new String[] {"cost", "Cost"},
            new String[] {"incidents", "Incidents"});

    private Layout() {}

    /** A page of the signed-in dashboard; {@code active} is the navigation entry to mark ("" for the overview). */
    static String page(Viewer viewer, String title, String active, Safe body) {
        List<Safe> links = new ArrayList<>();
        for (String[] p : PAGES) {
            links.add(Html.of(
                    "<a href=\"/ui/{}\"{}>{}</a>",
                    p[0],
                    new Safe(p[0].equals(active) ? " class=\"active\" aria-current=\"page\"" : ""),
                    p[1]));
        }
        Safe header = Html.of(
                """
                <header><a class="brand" href="/ui/">Sluice</a><nav>{}</nav>
                <div class="who"><span title="API key {}">{} · {}</span>
                <form method="post" action="/ui/logout">{}<button type="submit">Sign out</button></form></div></header>
                """,
                Html.join(links),
                viewer.session().key().id(),
                viewer.session().key().principal(),
                String.join(", ", viewer.session().key().scopes()),
                csrfField(viewer));
        return document(title, Html.of("{}<main><h1>{}</h1>{}</main>", header, title, body));
    }

    /** A page outside a session (sign-in, errors before sign-in). */
    static String bare(String title, Safe body) {
        return document(
                title,
                Html.of(
                        "<header><a class=\"brand\" href=\"/ui/\">Sluice</a></header><main class=\"narrow\"><h1>{}</h1>{}</main>",
                        title,
                        body));
    }

    /** The hidden field every form of a session carries. */
    static Safe csrfField(Viewer viewer) {
        return Html.of(
                "<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                viewer.session().csrf());
    }

    /** A note in place of a section the key may not read, naming the scopes that would do. */
    static Safe needsScope(String what, String... scopes) {
        return Html.of(
                "<p class=\"note\">Reading {} needs an API key with the {} scope.</p>",
                what,
                "'" + String.join("' or '", scopes) + "'");
    }

    private static String document(String title, Safe body) {
        return Html.of("""
                        <!doctype html>
                        <html lang="en"><head><meta charset="utf-8">
                        <meta name="viewport" content="width=device-width, initial-scale=1">
                        <title>{} · Sluice</title><link rel="stylesheet" href="/ui/static/sluice.css"></head>
                        <body>{}</body></html>
                        """, title, body).markup();
    }
}
