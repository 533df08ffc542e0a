package dev.sluice.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a contract suite gets its store: {@link #open} opens (creating when needed) the store kept in a
 * folder; opening the same folder again must show what was written before. Stores are closed after
 * each test.
 *
 * @param <S> the seam under test
 */
@SuppressWarnings("try") // stores close without InterruptedException; the bound only needs AutoCloseable
public abstract class StoreFixture<S extends AutoCloseable> {
    @TempDir
    protected Path folder;

    private final java.util.List<AutoCloseable> opened = new java.util.ArrayList<>();

    /** Opens the store kept in {@code folder}, creating it when it does not exist yet. */
    protected abstract S openIn(Path folder);

    /** The store of this test's folder (a new handle each call). */
    protected final S open() {
        S store = openIn(folder);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : opened.reversed()) {
            c.close();
        }
        opened.clear();
    }
}
