package dev.sluice.conflict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds conflicts without a model, sentence by sentence: two sentences of different documents (or of
 * two versions of one) conflict when they speak of the same thing, that thing bears on the question,
 * and they state different values of one kind and unit, or one negates the other.
 *
 * <p>Built for precision: a warning on every answer would teach people to ignore it. So two sentences
 * are compared only when
 *
 * <ul>
 *   <li>they share at least two content words (or all of the shorter sentence's, when it has one), at
 *       least half of the shorter sentence's, and one of the shared words is in the question;
 *   <li>their qualifiers match: the names and codes each mentions in its middle (Acme, section 3, Q3,
 *       FY2024) appear in the other, they do not open with two different names (Germany, France), they
 *       hold no two members of one contrast (paid and unpaid leave, daily and monthly limits), and they
 *       share tense markers (was, formerly) and conditions (if, unless, only);
 *   <li>for numbers, names and negations, their dates agree: "revenue in 2022 was $5M" and "revenue in
 *       2023 was $6M" are two facts;
 *   <li>each holds exactly one value of the kind and unit compared, and both bound it alike ("at least 12
 *       weeks" does not contradict "16 weeks").
 * </ul>
 *
 * Values are compared after normalization and within what their digits say: "$1.2 billion" and
 * "1,200 million dollars" agree, as do "1.2 billion" and "1,234 million" (rounded), "16 weeks" and
 * "112 days", "1 year" and "12 months"; "16 weeks" and "12 weeks" do not; "about" allows 10%. A negation
 * conflict needs the two sentences to say the same thing but for the negation ("approval is required",
 * "approval is no longer required"); "prohibited" counts as "not allowed", "optional" as "not required".
 *
 * <p>A sentence restated in the other passage with only one number changed is a conflict however long
 * the sentence and whatever it qualifies ({@link Restatements}): a copy that disagrees on its one figure.
 *
 * <p>Deterministic and thread-safe (no state); {@link #remembering} gives one with memory, for one thread.
 */
public final class SentenceConflicts implements ConflictDetector {
    /** At most this many conflicts are returned, most relevant first. */
    public static final int MAX_CONFLICTS = 10;

    /** Longer sentences carry many facts and are left out: two of them agree on words by chance. */
    static final int MAX_SENTENCE_WORDS = 60;

    private static final double MIN_SHARED_SHARE = 0.5;
    private static final int MAX_SUBJECT_WORDS = 5;

    private record Found(Conflict conflict, int score, String key) {}

    /** How one passage's text reads: its statements (as passage 0) and its sentences as restatement tokens. */
    private record Reading(List<Statement> statements, List<Restatements.Tokens> tokens) {}

    /** Readings by passage text, least recently used first; null for a detector without memory. */
    private final java.util.LinkedHashMap<String, Reading> remembered;

    /** The detector answers use: no state, thread-safe. */
    public SentenceConflicts() {
        this.remembered = null;
    }

    private SentenceConflicts(int passages) {
        this.remembered = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<String, Reading> eldest) {
                return size() > passages;
            }
        };
    }

    /**
     * The same detector, remembering how the last {@code passages} passage texts read: for a caller that
     * compares each passage with many others, again and again (the ingestion check of {@code
     * dev.sluice.review}), where reading sentences is most of the cost. Finds exactly what {@link
     * #SentenceConflicts()} finds. Not thread-safe: one per thread.
     */
    public static SentenceConflicts remembering(int passages) {
        if (passages < 1) {
            throw new IllegalArgumentException("passages must be > 0, got " + passages);
        }
        return new SentenceConflicts(passages);
    }

    private Reading reading(String text) {
        Reading r = remembered == null ? null : remembered.get(text);
        if (r != null) {
            return r;
        }
        List<Statement> statements = new ArrayList<>();
        List<Restatements.Tokens> tokens = new ArrayList<>();
        for (String sentence : Words.sentences(text)) {
            if (Words.words(sentence).size() <= MAX_SENTENCE_WORDS) {
                statements.add(Statement.read(0, sentence));
            }
            Restatements.Tokens t = Restatements.read(sentence);
            if (t != null) {
                tokens.add(t);
            }
        }
        r = new Reading(List.copyOf(statements), List.copyOf(tokens));
        if (remembered != null) {
            remembered.put(text, r);
        }
        return r;
    }

    @Override
    public List<Conflict> find(String question, List<Passage> passages) {
        Objects.requireNonNull(passages, "passages");
        Statement read0 = question == null || question.isBlank() ? null : Statement.read(-1, question);
        Set<String> asked = read0 == null ? Set.of() : read0.content().keySet();
        Set<String> askedWide = read0 == null ? Set.of() : widened(read0);
        List<List<Statement>> read = new ArrayList<>();
        List<List<Restatements.Tokens>> copies = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Reading r = reading(passages.get(i).text());
            List<Statement> statements = new ArrayList<>(r.statements().size());
            for (Statement st : r.statements()) {
                statements.add(st.withPassage(i));
            }
            read.add(statements);
            copies.add(r.tokens());
        }
        List<Found> found = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            for (int j = i + 1; j < passages.size(); j++) {
                if (sameDocument(passages.get(i), passages.get(j))) {
                    continue;
                }
                Set<String> restated = new HashSet<>();
                for (Restatements.Tokens a : copies.get(i)) {
                    for (Restatements.Tokens b : copies.get(j)) {
                        Found f = restatement(askedWide, i, a, j, b, passages);
                        if (f != null) {
                            found.add(f);
                            restated.add(a.sentence() + "\u0000" + b.sentence());
                        }
                    }
                }
                for (Statement a : read.get(i)) {
                    for (Statement b : read.get(j)) {
                        if (restated.contains(a.text() + "\u0000" + b.text())) {
                            continue; // found once, as a restatement
                        }
                        Found f = compare(asked, a, b, passages);
                        if (f != null) {
                            found.add(f);
                        }
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt(Found::score).reversed()); // stable: passage order breaks ties
        List<Conflict> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Found f : found) {
            if (out.size() < MAX_CONFLICTS && seen.add(f.key())) {
                out.add(f.conflict());
            }
        }
        return out;
    }

    /** Passages of one document and version never conflict (a document may say a thing twice). */
    static boolean sameDocument(Passage a, Passage b) {
        return Objects.equals(a.documentUri(), b.documentUri())
                && Objects.equals(a.documentVersion(), b.documentVersion());
    }

    /**
     * A sentence of one passage restated in the other with one number changed ({@link Restatements}), when
     * it bears on the question: shares a content word with it, a part of a hyphenated one ("anti-obesity"
     * and "obesity"), or the unit of a value ("at 1 year of age" and "at 3 and 6 years").
     */
    private static Found restatement(
            Set<String> askedWide, int i, Restatements.Tokens a, int j, Restatements.Tokens b, List<Passage> passages) {
        String[] values = Restatements.differingNumber(a, b);
        if (values == null) {
            return null;
        }
        Statement sa = Statement.read(i, a.sentence());
        Set<String> relevant = widened(sa);
        relevant.retainAll(askedWide);
        if (!askedWide.isEmpty() && relevant.isEmpty()) {
            return null;
        }
        Passage pa = passages.get(i);
        Passage pb = passages.get(j);
        Set<String> about = new LinkedHashSet<>(sa.content().keySet());
        about.retainAll(relevant);
        String subject = subject(sa, about.isEmpty() ? sa.content().keySet() : about);
        Conflict conflict = new Conflict("number", subject, pa, a.sentence(), values[0], pb, b.sentence(), values[1]);
        String key = String.join("\u0000", "number", subject, pa.documentUri(), pb.documentUri(), values[0], values[1]);
        return new Found(conflict, relevant.size() * 10 + sa.content().size(), key);
    }

    /** A statement's content stems, the stems of the parts of its hyphenated words, and its values' units. */
    private static Set<String> widened(Statement s) {
        Set<String> out = new LinkedHashSet<>(s.content().keySet());
        for (String surface : s.content().values()) {
            if (surface.indexOf('-') > 0) {
                for (String part : surface.split("-")) {
                    String folded = Words.fold(part);
                    if (!Words.stop(folded)) {
                        out.add(Words.stem(folded));
                    }
                }
            }
        }
        for (Value v : s.values()) {
            for (String unit : v.unit().split("[ /]")) {
                if (!unit.isEmpty()) {
                    out.add(Words.stem(Words.fold(unit)));
                }
            }
        }
        return out;
    }

    private static Found compare(Set<String> asked, Statement a, Statement b, List<Passage> passages) {
        Set<String> shared = new LinkedHashSet<>(a.content().keySet());
        shared.retainAll(b.content().keySet());
        int smaller = Math.min(a.content().size(), b.content().size());
        if (shared.isEmpty()
                || shared.size() < 2 && shared.size() < smaller
                || shared.size() < MIN_SHARED_SHARE * smaller) {
            return null;
        }
        Set<String> relevant = new LinkedHashSet<>(shared);
        relevant.retainAll(asked);
        if (!asked.isEmpty() && relevant.isEmpty() && !askedByUnit(asked, a, b)) {
            return null;
        }
        if (!qualifiersMatch(a, b)) {
            return null;
        }
        boolean datesAgree = agree(a, b, v -> v.kind().equals(Value.DATE));
        boolean numbersAgree = agree(a, b, v -> v.kind().equals(Value.NUMBER));
        String kind = null;
        Value[] pair = null;
        if (datesAgree && units(a).equals(units(b))) {
            pair = differing(a, b, Value.NUMBER);
            if (pair == null) {
                pair = parallel(a, b);
            }
            kind = "number";
            if (pair == null) {
                pair = differing(a, b, Value.NAME);
                kind = "name";
            }
        }
        if (pair == null && numbersAgree && agree(a, b, v -> v.kind().equals(Value.NAME))) {
            pair = differing(a, b, Value.DATE);
            kind = "date";
        }
        String valueA;
        String valueB;
        if (pair != null) {
            valueA = pair[0].text();
            valueB = pair[1].text();
        } else if (a.negated() != b.negated() && sayTheSame(a, b) && agree(a, b, v -> true)) {
            kind = "negation";
            valueA = a.text();
            valueB = b.text();
        } else {
            return null;
        }
        Passage pa = passages.get(a.passage());
        Passage pb = passages.get(b.passage());
        String subject = subject(a, relevant.isEmpty() ? shared : relevant);
        Conflict conflict = new Conflict(kind, subject, pa, a.text(), valueA, pb, b.text(), valueB);
        String key = String.join(
                "\u0000",
                kind,
                subject,
                pa.documentUri(),
                pb.documentUri(),
                valueA.toLowerCase(Locale.ROOT),
                valueB.toLowerCase(Locale.ROOT));
        return new Found(conflict, relevant.size() * 10 + shared.size(), key);
    }

    /**
     * The names and codes of each sentence are in the other; they do not open with two different names;
     * they hold no contrast; their tense markers and conditions are the same.
     */
    private static boolean qualifiersMatch(Statement a, Statement b) {
        for (String n : a.names()) {
            if (!b.names().contains(n) && !b.words().contains(n)) {
                return false;
            }
        }
        for (String n : b.names()) {
            if (!a.names().contains(n) && !a.words().contains(n)) {
                return false;
            }
        }
        boolean openingA = a.opening() != null && !b.words().contains(a.opening());
        boolean openingB = b.opening() != null && !a.words().contains(b.opening());
        if (openingA && openingB) {
            return false;
        }
        if (!a.conditions().equals(b.conditions()) || !sameTime(a, b)) {
            return false;
        }
        Set<String> onlyA = new HashSet<>(a.words());
        onlyA.removeAll(b.words());
        Set<String> onlyB = new HashSet<>(b.words());
        onlyB.removeAll(a.words());
        return !Words.contrast(onlyA, onlyB);
    }

    /**
     * Whether the question names what both sentences count: "how many employees" bears on "Acme has 2,000
     * employees", whose only content word besides the count is "Acme".
     */
    private static boolean askedByUnit(Set<String> asked, Statement a, Statement b) {
        Set<String> units = new HashSet<>();
        for (Value v : a.values()) {
            units.addAll(List.of(v.unit().split("[ /]")));
        }
        Set<String> theirs = new HashSet<>();
        for (Value v : b.values()) {
            theirs.addAll(List.of(v.unit().split("[ /]")));
        }
        units.retainAll(theirs);
        units.retainAll(asked);
        return !units.isEmpty();
    }

    /**
     * Whether both speak of the same time: the same markers of a past or a future ("formerly", "until",
     * "proposed"), and not "was" against "is" ("leave was 12 weeks" and "leave is 16 weeks" tell a change),
     * unless both give the same date ("revenue in 2023 was", "in 2023, revenue reached").
     */
    private static boolean sameTime(Statement a, Statement b) {
        if (a.tense().contains("past") != b.tense().contains("past")
                || a.tense().contains("future") != b.tense().contains("future")) {
            return false;
        }
        boolean wasA = a.tense().contains("was") && !a.tense().contains("is");
        boolean wasB = b.tense().contains("was") && !b.tense().contains("is");
        boolean isA = a.tense().contains("is") && !a.tense().contains("was");
        boolean isB = b.tense().contains("is") && !b.tense().contains("was");
        if (wasA && isB || wasB && isA) {
            return a.values().stream().anyMatch(v -> v.kind().equals(Value.DATE))
                    && agree(a, b, v -> v.kind().equals(Value.DATE));
        }
        return true;
    }

    /** The two sentences say the same but for the negation: at most one content word apart. */
    private static boolean sayTheSame(Statement a, Statement b) {
        Set<String> onlyA = new HashSet<>(a.content().keySet());
        onlyA.removeAll(b.content().keySet());
        Set<String> onlyB = new HashSet<>(b.content().keySet());
        onlyB.removeAll(a.content().keySet());
        return onlyA.size() + onlyB.size() <= 1 && a.content().size() >= 2;
    }

    /** The kinds and units of a sentence's values: "30 days after 5 years of service" counts two. */
    private static Set<String> units(Statement s) {
        Set<String> out = new HashSet<>();
        s.values().forEach(v -> out.add(v.kind() + " " + v.unit()));
        return out;
    }

    /** Whether the values of both sentences that pass {@code which} agree one for one, in any order. */
    private static boolean agree(Statement a, Statement b, Predicate<Value> which) {
        List<Value> va = a.values().stream().filter(which).toList();
        List<Value> vb = b.values().stream().filter(which).toList();
        if (va.size() != vb.size()) {
            return false;
        }
        return covered(va, vb) && covered(vb, va);
    }

    private static boolean covered(List<Value> these, List<Value> by) {
        for (Value v : these) {
            boolean match = by.stream()
                    .anyMatch(w -> w.kind().equals(v.kind())
                            && w.unit().equals(v.unit())
                            && w.bound().equals(v.bound())
                            && (v.bound().equals("range") ? w.text().equalsIgnoreCase(v.text()) : v.agrees(w)));
            if (!match) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first unit of {@code kind} for which each sentence states exactly one value, bounded alike and
     * not a range, and the two differ, each applying to the same case (what narrows one after it, "for
     * birth parents", is said in the other too): {valueA, valueB}; null when none.
     */
    private static Value[] differing(Statement a, Statement b, String kind) {
        for (Value v : a.values()) {
            if (!v.kind().equals(kind) || v.bound().equals("range")) {
                continue;
            }
            List<Value> mine = a.values().stream()
                    .filter(x -> x.kind().equals(kind) && x.unit().equals(v.unit()))
                    .toList();
            List<Value> theirs = b.values().stream()
                    .filter(x -> x.kind().equals(kind) && x.unit().equals(v.unit()))
                    .toList();
            if (mine.size() != 1 || theirs.size() != 1) {
                continue;
            }
            Value w = theirs.getFirst();
            if (w.bound().equals(v.bound())
                    && !v.agrees(w)
                    && b.content().keySet().containsAll(a.scopeAfter(v.end()))
                    && a.content().keySet().containsAll(b.scopeAfter(w.end()))) {
                return new Value[] {v, w};
            }
        }
        return null;
    }

    /**
     * Two sentences that state the same numbers in the same order, all but one agreeing ("government
     * customers accounted for 65% and international customers for 35%" against 90% and 35%): the one
     * that differs, {valueA, valueB}; null otherwise. Only when words stand between the numbers: a row of
     * a table without its header ("$ 1,906 $ 512 $ 960") may be another year's columns.
     */
    private static Value[] parallel(Statement a, Statement b) {
        List<Value> na =
                a.values().stream().filter(v -> v.kind().equals(Value.NUMBER)).toList();
        List<Value> nb =
                b.values().stream().filter(v -> v.kind().equals(Value.NUMBER)).toList();
        if (na.size() < 2 || na.size() != nb.size() || !worded(a, na) || !worded(b, nb)) {
            return null;
        }
        Value[] differs = null;
        for (int i = 0; i < na.size(); i++) {
            Value x = na.get(i);
            Value y = nb.get(i);
            if (!x.unit().equals(y.unit())
                    || !x.bound().equals(y.bound())
                    || x.bound().equals("range")) {
                return null;
            }
            if (!x.agrees(y)) {
                if (differs != null) {
                    return null;
                }
                differs = new Value[] {x, y};
            }
        }
        return differs;
    }

    /** Whether a word stands between each two numbers of a sentence. */
    private static boolean worded(Statement s, List<Value> numbers) {
        for (int i = 1; i < numbers.size(); i++) {
            int from = numbers.get(i - 1).end();
            int to = s.text().indexOf(numbers.get(i).text(), from);
            if (to < 0 || Words.words(s.text().substring(from, to)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The shared words as sentence {@code a} writes them, in its order, lower case but for names: "parental leave". */
    private static String subject(Statement a, Set<String> stems) {
        List<String> words = new ArrayList<>();
        for (var e : a.content().entrySet()) {
            if (stems.contains(e.getKey()) && words.size() < MAX_SUBJECT_WORDS) {
                String word = e.getValue();
                boolean opening =
                        Words.fold(word).equals(a.opening()) && a.text().startsWith(word);
                boolean name = Character.isUpperCase(word.charAt(0)) && !opening;
                words.add(name ? word : word.toLowerCase(Locale.ROOT)); // "parental leave at Acme"
            }
        }
        return String.join(" ", words);
    }
}
