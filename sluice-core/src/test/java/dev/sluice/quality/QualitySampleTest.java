package dev.sluice.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the garbled-text, PII and injection checks on the labelled sample ({@code
 * quality/sample.jsonl}: passages of the shared data's real documents, clean or with one realistic
 * change, built by {@code dev.sluice.bench.quality.QualitySampleBuilder}; see docs/quality.md). The
 * thresholds were tuned on the {@code tune} half; the {@code heldout} half comes from other documents
 * and, for injections, other phrasings. Prints both.
 *
 * <p>The floors: each half holds 6 to 42 positives per check, so one record is 2 to 17 points of
 * recall. Each floor sits one or two records under the held-out figure measured when the sample was
 * built, so a change that breaks a check fails here and one borderline record does not.
 */
class QualitySampleTest {
    private static final List<JsonNode> RECORDS = new ArrayList<>();

    /** A confusion count. */
    static final class Counts {
        int tp;
        int fp;
        int fn;
        int tn;

        void add(boolean predicted, boolean actual) {
            if (predicted && actual) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (actual) {
                fn++;
            } else {
                tn++;
            }
        }

        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    private static final Map<String, Counts> COUNTS = new LinkedHashMap<>();

    @BeforeAll
    static void scoreTheSample() throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = QualitySampleTest.class.getResourceAsStream("/quality/sample.jsonl")) {
            assertThat(in).as("quality/sample.jsonl on the test class path").isNotNull();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                RECORDS.add(json.readTree(line));
            }
        }
        GarbleCheck garble = new GarbleCheck();
        PiiScanner pii = new PiiScanner();
        InjectionScanner injection = InjectionScanner.shared();
        for (JsonNode r : RECORDS) {
            String split = r.get("split").asText();
            String text = r.get("text").asText();
            count(
                    split,
                    "garbled",
                    garble.check(text).garbled(),
                    r.get("garbled").asBoolean());
            Set<String> labelled = new TreeSet<>();
            r.get("pii").forEach(k -> labelled.add(k.asText()));
            Set<String> found = new TreeSet<>();
            pii.scan(text).forEach(h -> found.add(h.kind().label()));
            count(split, "pii (any kind)", !found.isEmpty(), !labelled.isEmpty());
            for (PiiKind kind : PiiKind.values()) {
                count(split, "pii " + kind.label(), found.contains(kind.label()), labelled.contains(kind.label()));
            }
            count(split, "injection", injection.flags(text), r.get("injection").asBoolean());
        }
        System.out.println(table());
    }

    private static void count(String split, String check, boolean predicted, boolean actual) {
        COUNTS.computeIfAbsent(check + "|" + split, k -> new Counts()).add(predicted, actual);
    }

    /** The figures as a Markdown table, tune and held-out side by side. */
    static String table() {
        StringBuilder out = new StringBuilder(
                "| check | tune P | tune R | held-out P | held-out R | held-out tp/fp/fn/tn |\n|---|---|---|---|---|---|\n");
        for (String key : COUNTS.keySet()) {
            if (!key.endsWith("|tune")) {
                continue;
            }
            String check = key.substring(0, key.indexOf('|'));
            Counts t = COUNTS.get(check + "|tune");
            Counts h = COUNTS.get(check + "|heldout");
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.2f | %.2f | %.2f | %.2f | %d/%d/%d/%d |%n",
                    check,
                    t.precision(),
                    t.recall(),
                    h.precision(),
                    h.recall(),
                    h.tp,
                    h.fp,
                    h.fn,
                    h.tn));
        }
        return out.toString();
    }

    private static Counts heldout(String check) {
        return COUNTS.get(check + "|heldout");
    }

    @Test
    void should_hold_a_labelled_sample_of_both_halves_under_300_kb() throws IOException {
        assertThat(RECORDS).hasSizeGreaterThan(300);
        assertThat(RECORDS).extracting(r -> r.get("split").asText()).containsOnly("tune", "heldout");
        assertThat(RECORDS).allSatisfy(r -> assertThat(r.get("origin").asText()).isNotBlank());
        try (InputStream in = QualitySampleTest.class.getResourceAsStream("/quality/sample.jsonl")) {
            assertThat(in.readAllBytes().length).isLessThan(300 * 1024);
        }
    }

    @Test
    void should_find_garbled_text_with_high_precision_and_recall_on_the_held_out_half() {
        assertThat(heldout("garbled").precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(heldout("garbled").recall()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void should_find_personal_data_of_every_kind_on_the_held_out_half() {
        assertThat(heldout("pii (any kind)").precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(heldout("pii (any kind)").recall()).isGreaterThanOrEqualTo(0.95);
        for (PiiKind kind : PiiKind.values()) {
            Counts c = heldout("pii " + kind.label());
            assertThat(c.precision()).as("precision of %s", kind.label()).isGreaterThanOrEqualTo(0.85);
            assertThat(c.recall()).as("recall of %s", kind.label()).isGreaterThanOrEqualTo(0.85);
        }
    }

    @Test
    void should_flag_injections_and_not_their_mentions_on_the_held_out_half() {
        assertThat(heldout("injection").precision()).isGreaterThanOrEqualTo(0.90);
        assertThat(heldout("injection").recall()).isGreaterThanOrEqualTo(0.85);
    }
}
