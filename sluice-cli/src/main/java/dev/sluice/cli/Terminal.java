package dev.sluice.cli;

import java.io.Console;

/** Whether standard error is an interactive terminal (progress bar) or not (log lines). */
final class Terminal {
    private Terminal() {}

    /**
     * The launcher says whether standard error is a terminal ({@code -Dsluice.stderr.tty}); without
     * it (Sluice embedded or run with plain java), the console's answer for standard output stands in.
     */
    static boolean interactive() {
        if (System.getenv("CI") != null) {
            return false;
        }
        String stderrTty = System.getProperty("sluice.stderr.tty");
        if (stderrTty != null) {
            return Boolean.parseBoolean(stderrTty);
        }
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}
