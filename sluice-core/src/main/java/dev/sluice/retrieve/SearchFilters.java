package dev.sluice.retrieve;

import dev.sluice.index.IndexFields;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Metadata filters, applied inside the index query (never after top-k, which would return fewer
 * than k results).
 *
 * @param sources keep chunks from any of these sources; empty means all
 * @param pathGlob keep chunks whose source-relative path matches this glob ({@code *} within a
 *     folder, {@code **} across folders, {@code ?} one character); null means all
 * @param types keep chunks of any of these document types (pdf, docx, html, markdown, text...); empty means all
 * @param callerTokens the access tokens of the caller ({@code AccessList.callerTokens}): only chunks of
 *     documents one of them may read; null for no access control (the local command line)
 * @param issuers keep chunks of documents whose issuer goes by any of these names ("3M", "Lockheed Martin";
 *     matched as {@link DocumentMatch} matches questions: lower case, without "Inc." and the like); empty
 *     means all
 * @param year keep chunks of documents whose period ends in this year; 0 means all
 * @param metadata keep chunks of documents whose transform field has one of the values, for every field named
 *     ({@code doctype -> [policy]}); empty means all
 */
public record SearchFilters(
        List<String> sources,
        String pathGlob,
        List<String> types,
        List<String> callerTokens,
        List<String> issuers,
        int year,
        Map<String, List<String>> metadata) {
    public static final SearchFilters NONE = new SearchFilters(List.of(), null, List.of());

    public SearchFilters {
        sources = sources == null ? List.of() : List.copyOf(sources);
        types = types == null ? List.of() : List.copyOf(types);
        pathGlob = pathGlob == null || pathGlob.isBlank() ? null : pathGlob;
        callerTokens = callerTokens == null ? null : List.copyOf(callerTokens);
        issuers = issuers == null
                ? List.of()
                : issuers.stream()
                        .map(DocumentMatch::issuerKey)
                        .filter(i -> !i.isEmpty())
                        .distinct()
                        .toList();
        metadata = metadata == null ? Map.of() : copyOf(metadata);
        if (year != 0 && (year < 1000 || year > 9999)) {
            throw new IllegalArgumentException("year must be a four-digit year such as 2018, got " + year);
        }
    }

    /** Filters on no transform field. */
    public SearchFilters(
            List<String> sources,
            String pathGlob,
            List<String> types,
            List<String> callerTokens,
            List<String> issuers,
            int year) {
        this(sources, pathGlob, types, callerTokens, issuers, year, Map.of());
    }

    private static Map<String, List<String>> copyOf(Map<String, List<String>> fields) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        fields.forEach((name, values) -> {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException(
                        "a metadata filter names a field as letters, digits, '_', '-' or '.', got '" + name + "'");
            }
            if (values != null && !values.isEmpty()) {
                out.put(name, List.copyOf(values));
            }
        });
        return Map.copyOf(out);
    }

    /**
     * Metadata filters written {@code FIELD=VALUE} ({@code --meta doctype=policy}, {@code ?meta=doctype=policy}):
     * values of one field are alternatives.
     *
     * @param what the flag or parameter, for the message of a malformed one
     */
    public static Map<String, List<String>> parseMetadata(List<String> pairs, String what) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(what + " takes FIELD=VALUE (doctype=policy), got '" + pair + "'");
            }
            out.computeIfAbsent(pair.substring(0, eq).trim(), k -> new java.util.ArrayList<>())
                    .add(pair.substring(eq + 1).trim());
        }
        return out;
    }

    /** Filters without access control. */
    public SearchFilters(List<String> sources, String pathGlob, List<String> types) {
        this(sources, pathGlob, types, null, List.of(), 0);
    }

    /** Filters with access control, on no document attribute. */
    public SearchFilters(List<String> sources, String pathGlob, List<String> types, List<String> callerTokens) {
        this(sources, pathGlob, types, callerTokens, List.of(), 0);
    }

    /** These filters, limited to what a caller with these tokens may read. */
    public SearchFilters forCaller(List<String> tokens) {
        return new SearchFilters(sources, pathGlob, types, tokens, issuers, year, metadata);
    }

    /** These filters, also on the documents' issuer and year (see {@code dev.sluice.enrich}). */
    public SearchFilters withDocuments(List<String> issuerNames, int periodYear) {
        return new SearchFilters(sources, pathGlob, types, callerTokens, issuerNames, periodYear, metadata);
    }

    /** These filters, also on fields transforms added ({@code doctype -> [policy]}). */
    public SearchFilters withMetadata(Map<String, List<String>> fields) {
        return new SearchFilters(sources, pathGlob, types, callerTokens, issuers, year, fields);
    }

    public boolean isEmpty() {
        return sources.isEmpty()
                && types.isEmpty()
                && pathGlob == null
                && callerTokens == null
                && issuers.isEmpty()
                && year == 0
                && metadata.isEmpty();
    }

    /**
     * One clause of the filter, free of Lucene types, for index backends that build their engine's own
     * query: a chunk passes when its {@code field} holds one of {@code values} ({@code regexp}: when it
     * matches the regular expression {@code values.get(0)}, in Lucene's syntax). Every clause must pass.
     */
    public record Clause(String field, List<String> values, boolean regexp) {
        public Clause {
            values = List.copyOf(values);
        }
    }

    /**
     * The filter's clauses, in the order {@link #toQuery} adds them; the access clause (field
     * {@link IndexFields#ACL}) comes last and is present whenever {@link #callerTokens} is not null,
     * even empty (then no chunk passes).
     */
    public List<Clause> clauses() {
        List<Clause> all = new java.util.ArrayList<>();
        if (!sources.isEmpty()) {
            all.add(new Clause(IndexFields.SOURCE, sources, false));
        }
        if (!types.isEmpty()) {
            all.add(new Clause(IndexFields.TYPE, types, false));
        }
        if (pathGlob != null) {
            all.add(new Clause(IndexFields.PATH, List.of(globToRegexp(pathGlob)), true));
        }
        if (!issuers.isEmpty()) {
            all.add(new Clause(IndexFields.ATTR_ALIAS, issuers, false));
        }
        if (year != 0) {
            all.add(new Clause(IndexFields.ATTR_YEAR, List.of(Integer.toString(year)), false));
        }
        metadata.forEach((name, values) -> all.add(new Clause(IndexFields.METADATA_PREFIX + name, values, false)));
        if (callerTokens != null) {
            // Inside the query, never after top-k: a caller cannot even learn that another's documents exist.
            all.add(new Clause(IndexFields.ACL, callerTokens, false));
        }
        return all;
    }

    /** The filter as a Lucene query, or null when there is nothing to filter. */
    public Query toQuery() {
        if (isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Clause clause : clauses()) {
            all.add(
                    clause.regexp()
                            ? new RegexpQuery(
                                    new Term(clause.field(), clause.values().getFirst()))
                            : anyOf(clause.field(), clause.values()),
                    BooleanClause.Occur.FILTER);
        }
        return all.build();
    }

    private static Query anyOf(String field, List<String> values) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String value : values) {
            any.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    /**
     * Translates a path glob to Lucene's regular expression syntax: {@code **} matches across
     * folders, {@code *} and {@code ?} stay within one folder, a leading {@code **}{@code /} also
     * matches the top folder, everything else is literal.
     */
    static String globToRegexp(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                if (slashAfter) {
                    re.append("(.*/)?");
                    i += 2;
                } else {
                    re.append(".*");
                    i += 1;
                }
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (Character.isLetterOrDigit(c) || c == '/' || c == '_') {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
        }
        return re.toString();
    }
}
