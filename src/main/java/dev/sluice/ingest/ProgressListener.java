package dev.sluice.ingest;

/** Told about a run's progress; called from pipeline threads, must be thread-safe and quick. */
public interface ProgressListener {
  /**
   * @param itemsDone items finished (indexed or quarantined)
   * @param itemsTotal items listed
   * @param chunksDone chunks embedded
   * @param elapsedMillis time since the run started
   */
  void progress(int itemsDone, int itemsTotal, int chunksDone, long elapsedMillis);

  ProgressListener NONE = (itemsDone, itemsTotal, chunksDone, elapsedMillis) -> {};
}
