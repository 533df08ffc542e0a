package dev.sluice.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /v1/search} filters on, applied inside the index query (a search still returns k hits of
 * what matches). Empty lists and maps, a null path and a year of 0 mean "all".
 *
 * <pre>{@code
 * Filters f = Filters.NONE.withSources("handbook").withTypes("pdf").withMetadata("doctype", "policy");
 * }</pre>
 *
 * @param sources keep chunks of any of these sources ({@code source=}, repeated)
 * @param path keep chunks whose source-relative path matches this glob ({@code path=}: {@code *} within a
 *     folder, {@code **} across folders)
 * @param types keep chunks of any of these document types ({@code type=}: pdf, docx, html, markdown, text...)
 * @param issuers keep chunks of documents issued by any of these names ({@code issuer=})
 * @param year keep chunks of documents whose period ends in this year ({@code year=}, four digits; 0: all)
 * @param metadata keep chunks of documents whose transform field has one of the values, for every field
 *     named ({@code meta=FIELD=VALUE}, repeated)
 */
public record Filters(
        List<String> sources,
        String path,
        List<String> types,
        List<String> issuers,
        int year,
        Map<String, List<String>> metadata) {
    public static final Filters NONE = new Filters(List.of(), null, List.of(), List.of(), 0, Map.of());

    public Filters {
        sources = sources == null ? List.of() : List.copyOf(sources);
        path = path == null || path.isBlank() ? null : path;
        types = types == null ? List.of() : List.copyOf(types);
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        if (year != 0 && (year < 1000 || year > 9999)) {
            throw new IllegalArgumentException(
                    "year must be a four-digit year such as 2024 (or 0 for all), got " + year);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((field, values) -> {
                if (field == null || field.isBlank() || field.contains("=")) {
                    throw new IllegalArgumentException(
                            "a metadata filter field must be a name without '=', such as doctype, got '" + field + "'");
                }
                copy.put(field, List.copyOf(values));
            });
        }
        metadata = java.util.Collections.unmodifiableMap(copy);
    }

    public Filters withSources(String... names) {
        return new Filters(List.of(names), path, types, issuers, year, metadata);
    }

    public Filters withPath(String glob) {
        return new Filters(sources, glob, types, issuers, year, metadata);
    }

    public Filters withTypes(String... documentTypes) {
        return new Filters(sources, path, List.of(documentTypes), issuers, year, metadata);
    }

    public Filters withIssuers(String... names) {
        return new Filters(sources, path, types, List.of(names), year, metadata);
    }

    public Filters withYear(int periodYear) {
        return new Filters(sources, path, types, issuers, periodYear, metadata);
    }

    /** These filters, also keeping only documents whose {@code field} has one of {@code values}. */
    public Filters withMetadata(String field, String... values) {
        Map<String, List<String>> next = new LinkedHashMap<>(metadata);
        List<String> all = new ArrayList<>(next.getOrDefault(field, List.of()));
        all.addAll(List.of(values));
        next.put(field, all);
        return new Filters(sources, path, types, issuers, year, next);
    }

    /** Whether these filters keep everything. */
    public boolean isEmpty() {
        return sources.isEmpty()
                && path == null
                && types.isEmpty()
                && issuers.isEmpty()
                && year == 0
                && metadata.isEmpty();
    }
}
