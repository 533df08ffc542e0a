package dev.sluice.retrieve;

import dev.sluice.index.IndexFields;
import java.util.List;
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
 */
public record SearchFilters(List<String> sources, String pathGlob, List<String> types, List<String> callerTokens) {
    public static final SearchFilters NONE = new SearchFilters(List.of(), null, List.of());

    public SearchFilters {
        sources = sources == null ? List.of() : List.copyOf(sources);
        types = types == null ? List.of() : List.copyOf(types);
        pathGlob = pathGlob == null || pathGlob.isBlank() ? null : pathGlob;
        callerTokens = callerTokens == null ? null : List.copyOf(callerTokens);
    }

    /** Filters without access control. */
    public SearchFilters(List<String> sources, String pathGlob, List<String> types) {
        this(sources, pathGlob, types, null);
    }

    /** These filters, limited to what a caller with these tokens may read. */
    public SearchFilters forCaller(List<String> tokens) {
        return new SearchFilters(sources, pathGlob, types, tokens);
    }

    public boolean isEmpty() {
        return sources.isEmpty() && types.isEmpty() && pathGlob == null && callerTokens == null;
    }

    /** The filter as a Lucene query, or null when there is nothing to filter. */
    public Query toQuery() {
        if (isEmpty()) {
            return null;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (!sources.isEmpty()) {
            all.add(anyOf(IndexFields.SOURCE, sources), BooleanClause.Occur.FILTER);
        }
        if (!types.isEmpty()) {
            all.add(anyOf(IndexFields.TYPE, types), BooleanClause.Occur.FILTER);
        }
        if (pathGlob != null) {
            all.add(new RegexpQuery(new Term(IndexFields.PATH, globToRegexp(pathGlob))), BooleanClause.Occur.FILTER);
        }
        if (callerTokens != null) {
            // Inside the query, never after top-k: a caller cannot even learn that another's documents exist.
            all.add(anyOf(IndexFields.ACL, callerTokens), BooleanClause.Occur.FILTER);
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
