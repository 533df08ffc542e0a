package dev.sluice.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Looks at a zip container's central directory (DOCX, XLSX, PPTX, ODT, EPUB, plain zip) before any
 * parser inflates it. Tika switches POI's own inflate-ratio guard off and relies on counting the
 * characters it emits, but POI's DOM-based parsers (XLSX, PPTX, DOCX without the SAX extractor)
 * inflate a whole part into memory before emitting a single character: a 200 KB file can ask for
 * gigabytes. Reading the directory costs a few milliseconds.
 *
 * <p>An entry counts as a bomb when it inflates to more than {@value #MIN_SUSPICIOUS_ENTRY_BYTES}
 * bytes at a ratio above {@link ExtractionLimits#maxCompressionRatio()}, the same rule as POI's
 * ZipSecureFile with its default ratio of 100. A directory that lies about sizes passes this check;
 * Tika's SecureContentHandler and {@link ExtractionLimits#maxExtractedChars()} still stop the output.
 */
final class ZipExpansionCheck {
    static final long MIN_SUSPICIOUS_ENTRY_BYTES = 1024 * 1024;

    private ZipExpansionCheck() {}

    /** Returns why the container is a bomb, or null when it looks sane or is not a readable zip. */
    static String problem(Path file, long maxRatio) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                BlockCollector.checkCancelled();
                ZipEntry entry = entries.nextElement();
                long size = entry.getSize();
                long compressed = Math.max(entry.getCompressedSize(), 1);
                if (size > MIN_SUSPICIOUS_ENTRY_BYTES && size / compressed > maxRatio) {
                    return String.format(
                            Locale.ROOT,
                            "entry %s inflates %,d bytes to %,d, a ratio of %,d over Sluice's fixed limit of %,d against zip bombs",
                            entry.getName(),
                            compressed,
                            size,
                            size / compressed,
                            maxRatio);
                }
            }
            return null;
        } catch (IOException | RuntimeException notAZipJavaCanRead) {
            return null; // Tika's own zip reader may still cope; its errors are classified later.
        }
    }
}
