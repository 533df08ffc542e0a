package dev.sluice.client;

import java.util.Locale;

/** How the service ranks: words (BM25), meaning (dense vectors), or both fused (the service's default). */
public enum Mode {
    BM25,
    DENSE,
    HYBRID;

    /** The label {@code /v1/search?mode=} takes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode a label names, case ignored ({@code bm25}, {@code dense}, {@code hybrid}); a clear error
     * naming {@code what} (a property, a parameter) otherwise.
     */
    public static Mode fromLabel(String label, String what) {
        if (label != null) {
            for (Mode m : values()) {
                if (m.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException(what + " must be bm25, dense or hybrid, got '" + label + "'");
    }
}
