package dev.sluice.bench.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the labelled sample of the quality checks ({@code
 * sluice-core/src/test/resources/quality/sample.jsonl}) from the real documents of the shared data:
 * clean passages as they are, and copies with one realistic change each (an encoding error, OCR noise,
 * a personal-data value, an injected instruction, a quoted one). Deterministic for a seed. Each
 * source document goes wholly to the tune half or the held-out half.
 *
 * <pre>
 * java -cp ... dev.sluice.bench.quality.QualitySampleBuilder ../shared/data . sluice-core/src/test/resources/quality/sample.jsonl
 * </pre>
 *
 * <p>Real personal data in the clean passages (the registrants' telephone numbers on the filings' cover
 * pages, press contacts' e-mail addresses) is labelled from {@link #REAL_PII}, which was written by
 * reading every passage that {@link #CANDIDATE} matches; the builder prints those for review and stops
 * when one is not labelled.
 */
public final class QualitySampleBuilder {
    private static final long SEED = 16;

    /**
     * What might be personal data, more loosely than the scanner looks: an e-mail address, a number
     * with a +, a North American or trunk-0 phone number, 13-19 digits, an IBAN's start.
     */
    static final Pattern CANDIDATE = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[A-Za-z]{2,}|\\+\\d[\\d ().-]{7,}\\d"
            + "|\\(\\d{3}\\) ?\\d{3}-\\d{4}|\\b\\d{3}[.-]\\d{3}[.-]\\d{4}\\b|\\b0\\d{1,4}[ /-]\\d{3,}"
            + "|\\b\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{1,4}\\b|\\b\\d{13,19}\\b|\\b[A-Z]{2}\\d{2} ?[A-Z0-9]{4}\\d");

    /**
     * Real personal data in the clean passages, by origin, reviewed by hand: the registrants' telephone
     * numbers on the cover pages (a switchboard is not a person, but the scanner cannot tell, and a
     * phone number is what it reports). The other passages {@link #CANDIDATE} matched hold EDGAR
     * accession numbers, SEC file numbers, employer ids and amounts, and one a population figure in a
     * Google Docs table that extraction ran together ("273.879.7501"): nothing personal.
     */
    static final Map<String, Set<String>> REAL_PII = Map.ofEntries(
            Map.entry("filings/BOEING_2018_10K.pdf blocks 10-13", Set.of("phone")),
            Map.entry("filings/CORNING_2020_10K.pdf blocks 10-15", Set.of("phone")),
            Map.entry("filings/CORNING_2020_10K.pdf blocks 649-651", Set.of()),
            Map.entry("filings/CORNING_2020_10K.pdf blocks 658-660", Set.of()),
            Map.entry("filings/CORNING_2021_10K.pdf blocks 8-13", Set.of("phone")),
            Map.entry("filings/GENERALMILLS_2019_10K.pdf blocks 10-15", Set.of("phone")),
            Map.entry("filings/GENERALMILLS_2019_10K.pdf blocks 2174-2176", Set.of()),
            Map.entry("filings/LOCKHEEDMARTIN_2020_10K.pdf blocks 12-18", Set.of("phone")),
            Map.entry("filings/MGMRESORTS_2018_10K.pdf blocks 2138-2140", Set.of()),
            Map.entry("filings/Pfizer_2023Q2_10Q.pdf blocks 12-15", Set.of("phone")),
            Map.entry("pdf/google-doc-document.pdf blocks 1-6", Set.of()));

    private final Random random = new Random(SEED);
    private final List<ObjectNode> records = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> unreviewed = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: QualitySampleBuilder SHARED_DATA_DIR REPOSITORY_DIR OUT.jsonl");
            System.exit(2);
        }
        new QualitySampleBuilder().build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    void build(Path data, Path repository, Path out) throws IOException {
        List<Passage> all = new ArrayList<>();
        all.addAll(Passages.documents(data.resolve("documents")));
        all.addAll(Passages.abstracts(data.resolve("scifact-train/corpus.jsonl.gz")));
        all.addAll(Passages.code(repository));
        for (String split : List.of("tune", "heldout")) {
            // each kind shuffled on its own: new source files (code passages) leave the other draws as they were
            List<Passage> pool = new ArrayList<>();
            for (String kind : List.of("prose", "table", "cover", "html", "abstract", "code", "pdf")) {
                List<Passage> ofKind = new ArrayList<>(all.stream()
                        .filter(p -> splitOf(p).equals(split) && p.kind().equals(kind))
                        .toList());
                java.util.Collections.shuffle(ofKind, new Random(SEED * 31 + (split + kind).hashCode()));
                pool.addAll(ofKind);
            }
            build(split, pool);
        }
        if (!unreviewed.isEmpty()) {
            System.err.println("passages with possible personal data that REAL_PII does not label yet:");
            unreviewed.forEach(u -> System.err.println("  " + u));
            throw new IllegalStateException(unreviewed.size() + " passages need a label in REAL_PII (read each one"
                    + " above and add its origin with the kinds it really holds); nothing was written");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (ObjectNode r : records) {
                w.write(json.writeValueAsString(r));
                w.write('\n');
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        records.forEach(r ->
                counts.merge(r.get("split").asText() + " " + r.get("transform").asText(), 1, Integer::sum));
        counts.forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.println(records.size() + " records, " + Files.size(out) + " bytes -> " + out);
    }

    /** Each document goes wholly to one half: by a stable hash of its name. */
    static String splitOf(Passage p) {
        return Math.floorMod(p.group().hashCode() * 31 + 7, 2) == 0 ? "tune" : "heldout";
    }

    private final Set<String> used = new HashSet<>();

    private Passage take(List<Passage> pool, String... kinds) {
        Set<String> wanted = Set.of(kinds);
        for (Passage p : pool) {
            if (wanted.contains(p.kind()) && used.add(p.origin())) {
                return p;
            }
        }
        throw new IllegalStateException("no passage of kind " + wanted + " left");
    }

    private void build(String split, List<Passage> pool) {
        int parity = split.equals("tune") ? 0 : 1;
        // clean passages
        addClean(split, pool, 10, "prose");
        addClean(split, pool, 12, "table");
        addClean(split, pool, 3, "cover");
        addClean(split, pool, 8, "html");
        addClean(split, pool, 12, "abstract");
        addClean(split, pool, 8, "code");
        addClean(split, pool, 2, "pdf");
        // garbled
        for (int i = 0; i < 10; i++) {
            boolean latin1 = i % 3 == 2;
            garble(
                    split,
                    pool,
                    latin1 ? "mojibake-latin1" : "mojibake-cp1252",
                    p -> Corruptions.mojibake(p, latin1),
                    t -> true,
                    "prose",
                    "abstract",
                    "html");
        }
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 0) {
                garble(
                        split,
                        pool,
                        "replacement-cp1252-as-utf8",
                        Corruptions::cp1252ReadAsUtf8,
                        t -> replacements(t) >= 2,
                        "prose",
                        "abstract",
                        "html");
            } else {
                double share = 0.01 + 0.02 * random.nextDouble();
                garble(
                        split,
                        pool,
                        "replacement-damaged-bytes",
                        p -> Corruptions.damagedBytes(p, share, random),
                        t -> replacements(t) >= 2,
                        "prose",
                        "abstract",
                        "table");
            }
        }
        for (int i = 0; i < 5; i++) {
            double share = 0.4 + 0.6 * random.nextDouble();
            garble(
                    split,
                    pool,
                    "private-use-font",
                    p -> Corruptions.privateUse(p, share, random),
                    t -> true,
                    "prose",
                    "abstract",
                    "html",
                    "table");
            detail(String.format(java.util.Locale.ROOT, "%.0f%% of words", 100 * share));
        }
        for (int i = 0; i < 3; i++) {
            garble(split, pool, "font-offset-29", Corruptions::fontOffset, t -> true, "prose", "abstract", "html");
        }
        for (int i = 0; i < 12; i++) {
            double share = 0.20 + 0.25 * random.nextDouble();
            garble(split, pool, "ocr", p -> Corruptions.ocr(p, share, random), t -> true, "prose", "abstract", "html");
            detail(String.format(java.util.Locale.ROOT, "%.0f%% of words changed", 100 * share));
        }
        // light OCR noise: a few words damaged, still readable: not garbled (see docs/quality.md)
        for (int i = 0; i < 6; i++) {
            double share = 0.02 + 0.04 * random.nextDouble();
            Passage p = take(pool, "prose", "abstract", "html");
            add(split, p, "ocr-light", Corruptions.ocr(p.text(), share, random), false, Set.of(), false);
            detail(String.format(java.util.Locale.ROOT, "%.0f%% of words changed", 100 * share));
        }
        // personal data, and near misses
        for (int i = 0; i < 6; i++) {
            insert(split, take(pool, "prose", "html", "abstract"), PiiValues.email(random));
        }
        for (int i = 0; i < 10; i++) {
            insert(split, take(pool, "prose", "html", "abstract", "table"), PiiValues.phone(random));
        }
        for (int i = 0; i < 7; i++) {
            insert(split, take(pool, "prose", "html"), PiiValues.card(random));
        }
        for (int i = 0; i < 6; i++) {
            insert(split, take(pool, "prose", "html", "table"), PiiValues.iban(random));
        }
        for (int i = 0; i < 10; i++) {
            insert(split, take(pool, "prose", "html", "abstract"), PiiValues.nationalId(random));
        }
        for (int i = 0; i < 3; i++) {
            insert(split, take(pool, "prose", "table"), PiiValues.cardFailingLuhn(random));
        }
        for (int i = 0; i < 5; i++) {
            Passage p = take(pool, "table");
            insert(split, p, PiiValues.priceList(random));
        }
        for (int i = 0; i < 3; i++) {
            insert(split, take(pool, "prose", "table"), PiiValues.ibanBadChecksum(random));
        }
        for (int i = 0; i < 6; i++) {
            insert(split, take(pool, "prose", "html", "abstract"), PiiValues.nationalIdNearMiss(random));
        }
        for (int i = 0; i < 5; i++) {
            insert(split, take(pool, "prose", "table", "cover"), PiiValues.phoneNearMiss(random));
        }
        // injections, mentions, hard negatives
        List<String> payloads = half(InjectionTexts.PAYLOADS, parity);
        for (String payload : payloads) {
            Passage p = take(pool, "prose", "html", "abstract");
            addInserted(split, p, "injection", payload, Set.of(), true);
        }
        for (String mention : half(InjectionTexts.MENTIONS, parity)) {
            Passage p = take(pool, "prose", "html", "abstract");
            addInserted(split, p, "injection-mention", mention, Set.of(), false);
        }
        for (String negative : half(InjectionTexts.HARD_NEGATIVES, parity)) {
            Passage p = take(pool, "prose", "html", "abstract");
            Set<String> pii = negative.contains("@") ? Set.of("email") : Set.of();
            addInserted(split, p, "injection-hard-negative", negative, pii, false);
        }
    }

    /**
     * A garbled copy of the next passage of these kinds whose change shows: encoding errors need
     * characters to damage, so a passage where the change is invisible is passed over.
     */
    private void garble(
            String split,
            List<Passage> pool,
            String transform,
            java.util.function.UnaryOperator<String> change,
            java.util.function.Predicate<String> shows,
            String... kinds) {
        Set<String> wanted = Set.of(kinds);
        for (Passage p : pool) {
            if (!wanted.contains(p.kind()) || used.contains(p.origin())) {
                continue;
            }
            // an encoding error needs characters to damage: at least three for mojibake, two for U+FFFD
            if (transform.startsWith("mojibake") && !Corruptions.hasNonAscii(p.text(), 3)
                    || transform.equals("replacement-cp1252-as-utf8") && !Corruptions.hasNonAscii(p.text(), 2)) {
                continue;
            }
            String changed = change.apply(p.text());
            if (!changed.equals(p.text()) && shows.test(changed)) {
                used.add(p.origin());
                add(split, p, transform, changed, true, Set.of(), false);
                return;
            }
        }
        throw new IllegalStateException("no passage of kind " + wanted + " left for " + transform);
    }

    private static long replacements(String text) {
        return text.chars().filter(c -> c == 0xFFFD).count();
    }

    private static List<String> half(List<String> all, int parity) {
        List<String> out = new ArrayList<>();
        for (int i = parity; i < all.size(); i += 2) {
            out.add(all.get(i));
        }
        return out;
    }

    private void addClean(String split, List<Passage> pool, int n, String kind) {
        for (int i = 0; i < n; i++) {
            if (pool.stream().noneMatch(p -> p.kind().equals(kind) && !used.contains(p.origin()))) {
                return; // few documents of this kind (the sample PDFs): one half may have none
            }
            Passage p = take(pool, kind);
            add(split, p, "none", p.text(), false, Set.of(), false);
        }
    }

    private void insert(String split, Passage p, PiiValues.Carrier carrier) {
        Set<String> labels = carrier.label().isEmpty() ? Set.of() : Set.of(carrier.label());
        addInserted(
                split,
                p,
                "pii-" + carrier.what() + (carrier.label().isEmpty() ? "-near-miss" : ""),
                carrier.sentence(),
                labels,
                false);
    }

    /** The sentence as a block of its own or between two sentences of a block, at a random place. */
    private void addInserted(
            String split, Passage p, String transform, String sentence, Set<String> pii, boolean injection) {
        String text = p.text();
        String changed;
        List<Integer> places = new ArrayList<>();
        for (int i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 2)) {
            places.add(i + 2);
        }
        if (sentence.contains("\n\n") || places.isEmpty() || random.nextInt(3) == 0) {
            String[] blocks = text.split("\n\n", -1);
            int at = random.nextInt(blocks.length + 1);
            List<String> list = new ArrayList<>(List.of(blocks));
            list.add(at, sentence);
            changed = String.join("\n\n", list);
        } else {
            int at = places.get(random.nextInt(places.size()));
            changed = text.substring(0, at) + sentence + " " + text.substring(at);
        }
        add(split, p, transform, changed, false, pii, injection);
    }

    /** What exactly the last record's change was; the text stays the last field. */
    private void detail(String detail) {
        ObjectNode last = records.getLast();
        com.fasterxml.jackson.databind.JsonNode text = last.remove("text");
        last.put("detail", detail);
        last.set("text", text);
    }

    private void add(
            String split,
            Passage p,
            String transform,
            String text,
            boolean garbled,
            Set<String> pii,
            boolean injection) {
        Set<String> labels = new TreeSet<>(pii);
        if (CANDIDATE.matcher(p.text()).find()) {
            Set<String> real = REAL_PII.get(p.origin());
            if (real == null) {
                unreviewed.add(p.origin() + "\n      " + p.text().replace("\n\n", " / "));
            } else {
                labels.addAll(real);
            }
        }
        ObjectNode r = json.createObjectNode();
        r.put("id", String.format(java.util.Locale.ROOT, "q%04d", records.size() + 1));
        r.put("split", split);
        r.put("origin", p.origin());
        r.put("kind", p.kind());
        r.put("transform", transform);
        r.put("garbled", garbled);
        ArrayNode piiNode = r.putArray("pii");
        labels.forEach(piiNode::add);
        r.put("injection", injection);
        r.put("text", text);
        records.add(r);
    }
}
