package dev.sluice.ingest;

/** Told about a run's progress; called from pipeline threads, must be thread-safe and quick. */
public interface ProgressListener {
    /**
     * A snapshot of a run.
     *
     * @param itemsDone items finished (indexed or quarantined)
     * @param itemsTotal items listed
     * @param bytesDone size of the finished items
     * @param bytesTotal size of all listed items (the better base for an ETA: files differ in size)
     * @param chunksDone chunks embedded
     * @param elapsedMillis time since the run started
     */
    record Progress(
            int itemsDone, int itemsTotal, long bytesDone, long bytesTotal, int chunksDone, long elapsedMillis) {
        public boolean finished() {
            return itemsDone >= itemsTotal;
        }
    }

    void progress(Progress progress);

    ProgressListener NONE = progress -> {};
}
