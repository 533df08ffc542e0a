package dev.sluice.extract;

import dev.sluice.core.ItemFailure;
import dev.sluice.core.QuarantineReason;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.UnsupportedFormatException;

/**
 * Maps whatever a parser threw to one {@link ItemFailure} with a reason and a one-line message. The
 * whole cause chain is searched, because parsers wrap: a PDFBox InvalidPasswordException arrives
 * inside a TikaException inside an IOException. Encryption, expansion and our own limits win over
 * the generic "corrupt", which is what remains.
 */
final class ParseFailures {
    private static final int MAX_DETAIL_CHARS = 200;
    /** Matched by name: these live in PDFBox and POI, which Sluice only reaches through Tika. */
    private static final Set<String> ENCRYPTION_CLASSES = Set.of(
            "org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException",
            "org.apache.poi.EncryptedDocumentException");

    private ParseFailures() {}

    static ItemFailure classify(String uri, String mediaType, Throwable error, ExtractionLimits limits) {
        Throwable unsupported = null;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof ItemFailure failure) {
                return failure;
            }
            if (t instanceof BlockCollector.TextLimitExceededException) {
                return textLimit(uri, limits);
            }
            if (t instanceof BlockCollector.ExtractionCancelledException) {
                return timedOut(uri, limits);
            }
            if (t instanceof EncryptedDocumentException || isEncryptionClass(t.getClass())) {
                return new ItemFailure(
                        uri,
                        QuarantineReason.ENCRYPTED,
                        "password-protected " + mediaType + "; Sluice cannot read encrypted documents");
            }
            if (t.getMessage() != null && t.getMessage().contains("package entry nesting")) {
                return nestingLimit(uri, limits);
            }
            if (t instanceof TikaMemoryLimitException || mentionsZipBomb(t)) {
                return new ItemFailure(
                        uri,
                        QuarantineReason.EXPANSION_LIMIT,
                        "expands beyond safe limits (zip bomb protection): " + describe(t));
            }
            if (t instanceof OutOfMemoryError) {
                return new ItemFailure(
                        uri,
                        QuarantineReason.TOO_LARGE,
                        "ran out of memory while parsing " + mediaType
                                + "; lower extraction.maxFileMb in sluice.yaml (or --max-file-mb) or give the JVM more heap");
            }
            if ((t instanceof UnsupportedFormatException || mentionsUnsupported(t)) && unsupported == null) {
                unsupported = t;
            }
        }
        if (unsupported != null) {
            return new ItemFailure(
                    uri,
                    QuarantineReason.UNSUPPORTED_TYPE,
                    "unsupported variant of " + mediaType + ": " + describe(unsupported));
        }
        return new ItemFailure(
                uri,
                QuarantineReason.CORRUPT,
                "cannot parse " + mediaType + ", damaged or truncated: " + describe(rootCause(error)),
                error);
    }

    static ItemFailure textLimit(String uri, ExtractionLimits limits) {
        return new ItemFailure(
                uri,
                QuarantineReason.TOO_LARGE,
                String.format(
                        Locale.ROOT,
                        "extracted text exceeds %,d characters, Sluice's fixed limit per document; split the file to keep its text",
                        limits.maxExtractedChars()));
    }

    static ItemFailure timedOut(String uri, ExtractionLimits limits) {
        return new ItemFailure(
                uri,
                QuarantineReason.TIMED_OUT,
                String.format(
                        Locale.ROOT,
                        "parsing took longer than %,d ms; raise extraction.parseTimeoutSeconds in sluice.yaml (or --parse-timeout) to give it more time",
                        limits.parseTimeoutMillis()));
    }

    static ItemFailure nestingLimit(String uri, ExtractionLimits limits) {
        return new ItemFailure(
                uri,
                QuarantineReason.EXPANSION_LIMIT,
                String.format(
                        Locale.ROOT,
                        "embedded documents nest deeper than %d levels, Sluice's fixed limit against archive bombs",
                        limits.maxNestingDepth()));
    }

    private static boolean isEncryptionClass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (ENCRYPTION_CLASSES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsZipBomb(Throwable t) {
        String message = t.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb");
    }

    /** POI says "Strict OOXML isn't currently supported" in a generic exception. */
    private static boolean mentionsUnsupported(Throwable t) {
        String message = t.getMessage();
        return message != null
                && message.toLowerCase(Locale.ROOT).matches("(?s).*(isn't|is not|not) currently supported.*");
    }

    private static Throwable rootCause(Throwable error) {
        Throwable best = error;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t;
            }
        }
        return best;
    }

    /** "IOException: Header doesn't contain versioninfo": class and the first line of the message, capped. */
    static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        if (message.length() > MAX_DETAIL_CHARS) {
            message = message.substring(0, MAX_DETAIL_CHARS) + "...";
        }
        String name = t.getClass().getSimpleName();
        return message.isEmpty() ? name : name + ": " + message;
    }
}
