package dev.sluice.serve.ui;

/**
 * A page the dashboard refuses, with its status and a message for the person reading it; shown as a
 * page in the dashboard's own style, never as a stack trace.
 */
final class PageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    PageError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    /**
     * 404: unknown, or not the viewer's to see; the two read the same, and the message does not repeat
     * the id asked for.
     */
    static PageError notFound(String what) {
        return new PageError(404, "No such " + what + ", or not one this key may see.");
    }
}
