package dev.sluice.extract;

import java.util.Locale;
import java.util.Map;

/** Short, filterable type names for media types: {@code pdf}, {@code docx}, {@code html}... */
public final class DocumentTypes {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("application/pdf", "pdf"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.oasis.opendocument.text", "odt"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("application/rtf", "rtf"),
            Map.entry("application/epub+zip", "epub"),
            Map.entry("text/html", "html"),
            Map.entry("application/xhtml+xml", "html"),
            Map.entry("text/x-web-markdown", "markdown"),
            Map.entry("text/markdown", "markdown"),
            Map.entry("text/plain", "text"),
            Map.entry("text/csv", "csv"));

    private DocumentTypes() {}

    /** The short name of {@code mediaType} (parameters ignored), or its subtype when unknown. */
    public static String shortName(String mediaType) {
        String base = mediaType.toLowerCase(Locale.ROOT);
        int semicolon = base.indexOf(';');
        if (semicolon >= 0) {
            base = base.substring(0, semicolon).trim();
        }
        String name = NAMES.get(base);
        if (name != null) {
            return name;
        }
        int slash = base.indexOf('/');
        return slash >= 0 ? base.substring(slash + 1) : base;
    }
}
