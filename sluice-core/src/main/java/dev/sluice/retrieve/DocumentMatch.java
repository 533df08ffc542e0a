package dev.sluice.retrieve;

import dev.sluice.index.IndexFields;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The documents a question names: "What is 3M's FY2018 capex?" names the issuer 3M and the year 2018.
 * The question is matched against the attribute values the index holds (issuers' names, the years of
 * documents' periods; see {@code dev.sluice.enrich}), never against a fixed list. Retrieval then
 * <b>boosts</b> the matching documents (hybrid search fuses two more lists restricted to them); it never
 * filters the others out, so a question that names the wrong year still finds the right page when its
 * words do.
 *
 * <p>When the question names several years ("from FY2020 to FY2022"), the latest is taken: a filing
 * reports its own year and the ones before it. A year narrows the issuer's documents only when one of
 * them has it.
 *
 * @param aliases the issuer names matched, lower case ("3m", "lockheed martin")
 * @param year the year matched, 0 for none
 * @param query what the matching documents satisfy, to restrict a list to them; null when nothing matched
 */
public record DocumentMatch(List<String> aliases, int year, Query query) {
    public static final DocumentMatch NONE = new DocumentMatch(List.of(), 0, null);

    private static final Pattern YEAR = Pattern.compile(
            "(?i)(?:(?<![\\p{L}\\d])fy\\s?'?|(?<![\\p{L}\\d])q[1-4]\\s?'?|(?<![\\p{L}\\d]))((?:19|20)\\d{2})(?!\\d)");
    private static final Pattern SHORT_FY = Pattern.compile("(?i)(?<![\\p{L}\\d])fy\\s?'?(\\d{2})(?![\\d])");

    public DocumentMatch {
        aliases = List.copyOf(aliases);
    }

    /** Whether anything matched. */
    public boolean matched() {
        return query != null;
    }

    /** What matched, for traces and JSON: "issuer 3m, year 2018". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!aliases.isEmpty()) {
            parts.add("issuer " + String.join(" / ", aliases));
        }
        if (year > 0) {
            parts.add("year " + year);
        }
        return String.join(", ", parts);
    }

    /** Matches {@code question} against the attributes of the indexed documents. */
    public static DocumentMatch of(IndexSearcher searcher, String question) throws IOException {
        if (question == null || question.isBlank()) {
            return NONE;
        }
        Known known = known(searcher.getIndexReader());
        try {
            return of(known.aliases(), known.years(), question, both -> {
                try {
                    return searcher.count(both.query()) > 0;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Matches {@code question} against attribute values an index holds, read by the caller: the seam for
     * engines other than Lucene, which list the values of {@link IndexFields#ATTR_ALIAS} and
     * {@link IndexFields#ATTR_YEAR} themselves and rebuild their own filter from {@link #aliases} and
     * {@link #year} (both set: documents with one of the aliases and the year).
     *
     * @param knownAliases every issuer alias in the index
     * @param knownYears every period year in the index, as text
     * @param hasDocuments whether some document satisfies a match naming both an issuer and a year
     */
    public static DocumentMatch of(
            Set<String> knownAliases,
            Set<String> knownYears,
            String question,
            java.util.function.Predicate<DocumentMatch> hasDocuments) {
        if (question == null || question.isBlank() || knownAliases.isEmpty() && knownYears.isEmpty()) {
            return NONE;
        }
        String text = " " + fold(question) + " ";
        List<String> named = new ArrayList<>();
        for (String alias : new TreeSet<>(knownAliases)) {
            if (text.contains(" " + alias + " ")) {
                named.add(alias);
            }
        }
        // "lockheed martin" and "lockheed": keep the longest names only when they stand for the same words
        List<String> all = List.copyOf(named);
        named.removeIf(a -> all.stream().anyMatch(b -> !b.equals(a) && (" " + b + " ").contains(" " + a + " ")));
        int year = latestYear(question, knownYears);
        Query issuer = named.isEmpty() ? null : anyOf(IndexFields.ATTR_ALIAS, named);
        Query inYear = year == 0 ? null : new TermQuery(new Term(IndexFields.ATTR_YEAR, Integer.toString(year)));
        if (issuer != null && inYear != null) {
            Query both = new BooleanQuery.Builder()
                    .add(issuer, BooleanClause.Occur.FILTER)
                    .add(inYear, BooleanClause.Occur.FILTER)
                    .build();
            DocumentMatch match = new DocumentMatch(named, year, both);
            if (hasDocuments.test(match)) {
                return match;
            }
            return new DocumentMatch(named, 0, issuer); // the issuer has no document of that year
        }
        if (issuer != null) {
            return new DocumentMatch(named, 0, issuer);
        }
        return inYear == null ? NONE : new DocumentMatch(List.of(), year, inYear);
    }

    /** The latest year the question names that some document has, or 0. */
    static int latestYear(String question, Set<String> known) {
        int latest = 0;
        Matcher m = YEAR.matcher(question);
        while (m.find()) {
            if (known.contains(m.group(1))) {
                latest = Math.max(latest, Integer.parseInt(m.group(1)));
            }
        }
        Matcher s = SHORT_FY.matcher(question);
        while (s.find()) {
            String full = "20" + s.group(1);
            if (known.contains(full)) {
                latest = Math.max(latest, Integer.parseInt(full));
            }
        }
        return latest;
    }

    /**
     * A name as the index keys issuers: folded, without a legal ending ("Lockheed Martin Corporation" and
     * "lockheed martin" give "lockheed martin"), for filtering on a name a user types.
     */
    public static String issuerKey(String name) {
        String folded = fold(name == null ? "" : name);
        return folded.replaceAll(
                        "(?:\\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|holdings|group))+$",
                        "")
                .replaceFirst("^the\\s+", "")
                .strip();
    }

    /** Lower case, accents and possessives off, every other sign a space: "Lockheed Martin's" -> "lockheed martin". */
    static String fold(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("['’]s\\b", "");
        return s.replaceAll("[^\\p{L}\\p{N}&]+", " ").strip();
    }

    /** The attribute values an index holds, read once per reader (a search reads them on each question). */
    private record Known(Set<String> aliases, Set<String> years) {}

    private static final Map<IndexReader.CacheKey, Known> KNOWN = Collections.synchronizedMap(new WeakHashMap<>());

    private static Known known(IndexReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        Known cached = helper == null ? null : KNOWN.get(helper.getKey());
        if (cached == null) {
            cached = new Known(values(reader, IndexFields.ATTR_ALIAS), values(reader, IndexFields.ATTR_YEAR));
            if (helper != null) {
                KNOWN.put(helper.getKey(), cached);
            }
        }
        return cached;
    }

    private static Set<String> values(IndexReader reader, String field) throws IOException {
        Set<String> out = new TreeSet<>();
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) {
            return out;
        }
        TermsEnum it = terms.iterator();
        for (BytesRef term = it.next(); term != null; term = it.next()) {
            out.add(term.utf8ToString());
        }
        return out;
    }

    private static Query anyOf(String field, List<String> values) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String v : values) {
            any.add(new TermQuery(new Term(field, v)), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }
}
