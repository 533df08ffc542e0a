package dev.sluice.serve.ui;

import dev.sluice.serve.Caller;

/**
 * Who is looking at a page: the session and the caller its key makes, with the same access rules as
 * an API request made with that key.
 */
record Viewer(Sessions.Session session, Caller caller) {
    static Viewer of(Sessions.Session session) {
        return new Viewer(session, Caller.of(session.key()));
    }

    boolean has(String scope) {
        return caller.has(scope);
    }

    boolean admin() {
        return caller.has("admin");
    }
}
