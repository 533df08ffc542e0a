package dev.sluice.cli;

import java.io.Console;

/** Whether standard error is an interactive terminal (progress bar) or not (log lines). */
final class Terminal {
    private Terminal() {}

    static boolean interactive() {
        Console console = System.console();
        return console != null && console.isTerminal() && System.getenv("CI") == null;
    }
}
