package dev.sluice.cli;

import dev.sluice.ingest.ProgressListener;
import dev.sluice.ingest.ProgressListener.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows ingestion progress on standard error: a bar redrawn in place on a terminal, a plain log
 * line every few seconds otherwise (CI logs, files, pipes).
 */
final class ProgressPrinter implements ProgressListener {
    private static final long BAR_INTERVAL_MILLIS = 200;
    private static final long LOG_INTERVAL_MILLIS = 5_000;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final boolean interactive;
    private long lastPrintMillis;
    private boolean barShown;

    ProgressPrinter(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public synchronized void progress(Progress p) {
        long interval = interactive ? BAR_INTERVAL_MILLIS : LOG_INTERVAL_MILLIS;
        boolean last = p.finished();
        if (!last && p.elapsedMillis() - lastPrintMillis < interval) {
            return;
        }
        lastPrintMillis = p.elapsedMillis();
        String line = line(p);
        if (interactive) {
            err.print("\r" + line + "\u001b[K");
            barShown = true;
            if (last) {
                err.println();
                barShown = false;
            }
        } else {
            err.println("ingest: " + line);
        }
        err.flush();
    }

    /** Ends the bar's line so later output starts on a fresh line. */
    synchronized void finish() {
        if (barShown) {
            err.println();
            err.flush();
            barShown = false;
        }
    }

    /** One progress line; the ETA assumes the remaining bytes go as fast as the finished ones did. */
    static String line(Progress p) {
        double fraction = p.bytesTotal() > 0
                ? (double) p.bytesDone() / p.bytesTotal()
                : p.itemsTotal() == 0 ? 1 : (double) p.itemsDone() / p.itemsTotal();
        int filled = (int) Math.min(BAR_WIDTH, Math.round(fraction * BAR_WIDTH));
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        double seconds = p.elapsedMillis() / 1000.0;
        double rate = seconds > 0 ? p.chunksDone() / seconds : 0;
        String eta;
        if (p.finished()) {
            eta = "done";
        } else if (fraction <= 0) {
            eta = "ETA --";
        } else {
            eta = "ETA " + Durations.format((long) (p.elapsedMillis() * (1 - fraction) / fraction));
        }
        return String.format(
                Locale.ROOT,
                "[%s] %d/%d files · %d chunks · %.1f chunks/s · %s",
                bar,
                p.itemsDone(),
                p.itemsTotal(),
                p.chunksDone(),
                rate,
                eta);
    }
}
