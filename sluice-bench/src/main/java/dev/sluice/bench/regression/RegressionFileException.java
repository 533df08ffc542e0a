package dev.sluice.bench.regression;

import dev.sluice.core.SluiceException;
import java.nio.file.Path;

/** A regression file that cannot be used; the message names the file, the key and the fix. */
public final class RegressionFileException extends SluiceException {
    private final transient Path file;
    private final String key;

    RegressionFileException(Path file, String key, String problem) {
        super(file + (key.isEmpty() ? "" : ": key '" + key + "'") + ": " + problem);
        this.file = file;
        this.key = key;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The dotted key at fault ({@code modes.bm25.tolerance}), or empty for the whole file. */
    public String key() {
        return key;
    }
}
