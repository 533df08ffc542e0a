package dev.sluice.extract;

import dev.sluice.core.ItemFailure;
import java.nio.file.Path;

/**
 * Turns one file into an {@link ExtractedDocument}. Implementations must be safe to call from
 * several threads at once, must never hang past their time limit, and must report every failure as
 * an {@link ItemFailure} with a {@link dev.sluice.core.QuarantineReason} (never a raw exception).
 */
public interface Extractor {
    ExtractedDocument extract(Path file, String uri) throws ItemFailure;
}
