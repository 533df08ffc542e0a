package dev.sluice.cli;

import dev.sluice.ingest.ProgressListener;
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
  private long lastPrintMillis = -1;
  private boolean barShown;

  ProgressPrinter(PrintWriter err, boolean interactive) {
    this.err = err;
    this.interactive = interactive;
  }

  @Override
  public synchronized void progress(int itemsDone, int itemsTotal, int chunksDone, long elapsedMillis) {
    long interval = interactive ? BAR_INTERVAL_MILLIS : LOG_INTERVAL_MILLIS;
    boolean last = itemsDone >= itemsTotal;
    if (!last && lastPrintMillis >= 0 && elapsedMillis - lastPrintMillis < interval) {
      return;
    }
    lastPrintMillis = elapsedMillis;
    String line = line(itemsDone, itemsTotal, chunksDone, elapsedMillis);
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

  static String line(int itemsDone, int itemsTotal, int chunksDone, long elapsedMillis) {
    double fraction = itemsTotal == 0 ? 1 : (double) itemsDone / itemsTotal;
    int filled = (int) Math.round(fraction * BAR_WIDTH);
    String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
    double seconds = elapsedMillis / 1000.0;
    double rate = seconds > 0 ? chunksDone / seconds : 0;
    String eta = itemsDone == 0 || itemsDone >= itemsTotal ? (itemsDone >= itemsTotal ? "done" : "ETA --")
        : "ETA " + Durations.format((long) (elapsedMillis * (double) (itemsTotal - itemsDone) / itemsDone));
    return String.format(Locale.ROOT, "[%s] %d/%d files · %d chunks · %.1f chunks/s · %s", bar, itemsDone, itemsTotal, chunksDone, rate, eta);
  }
}
