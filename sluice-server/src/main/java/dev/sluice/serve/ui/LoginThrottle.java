package dev.sluice.serve.ui;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address: after {@link #MAX_FAILURES} in a {@link #WINDOW_MILLIS} window
 * the address is refused until the window ends, so a key cannot be guessed through the form faster than
 * through the API. Addresses are as the server sees them (a proxy in front makes them all one).
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final long WINDOW_MILLIS = 10 * 60_000L;
    /** Addresses remembered at once; beyond it, windows that ended are forgotten first. */
    private static final int MAX_ADDRESSES = 10_000;

    private record Window(long startMillis, int failures) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Seconds until {@code address} may try again, 0 when it may now. */
    long refusedForSeconds(String address, long nowMillis) {
        Window w = windows.get(address);
        if (w == null || nowMillis - w.startMillis() >= WINDOW_MILLIS || w.failures() < MAX_FAILURES) {
            return 0;
        }
        return Math.max(1, (w.startMillis() + WINDOW_MILLIS - nowMillis + 999) / 1000);
    }

    void failed(String address, long nowMillis) {
        if (windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(w -> nowMillis - w.startMillis() >= WINDOW_MILLIS);
        }
        windows.compute(
                address,
                (k, w) -> w == null || nowMillis - w.startMillis() >= WINDOW_MILLIS
                        ? new Window(nowMillis, 1)
                        : new Window(w.startMillis(), w.failures() + 1));
    }

    void succeeded(String address) {
        windows.remove(address);
    }
}
