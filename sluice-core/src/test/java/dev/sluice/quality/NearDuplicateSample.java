package dev.sluice.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The labelled sample of real passages (src/test/resources/quality/near-duplicates.jsonl.gz, written by
 * {@code sluice bench dedup-sample}) and the queries made from it: edited copies of each passage at
 * known rates (positives), the same company's page of another year stating different figures and the
 * other split's passages (negatives), and for web pages a second real extraction (positive).
 */
final class NearDuplicateSample {
    static final String RESOURCE = "/quality/near-duplicates.jsonl.gz";

    /** One real passage; {@code otherYear} for filing pages, {@code reextracted} for web pages, else null. */
    record Passage(String id, String kind, String split, String text, String otherYear, String reextracted) {}

    /**
     * A text to look up. {@code source}: the indexed passage (its position) it was made from, which a
     * positive expects back; -1 for a passage not made from an indexed one.
     */
    record Query(String label, boolean positive, int source, String text) {}

    /** How the positives are made from a passage; the rates are the sample's definition of a near-duplicate. */
    enum Edit {
        RE_EXTRACTED("re-extracted: lines re-wrapped, 1 line end in 20 hyphenated, header and footer every 300 words"),
        SENTENCE_REWRITTEN("1 sentence in 10 replaced by a sentence of another passage"),
        WORDS_EDITED("1 word in 100 replaced"),
        REORDERED("paragraphs (or three runs of sentences) reordered"),
        TRUNCATED("the last 15% of words cut off"),
        COMBINED("re-extracted, 1 sentence in 10 replaced and the last 5% cut off");

        final String label;

        Edit(String label) {
            this.label = label;
        }
    }

    static final String OTHER_EXTRACTION = "web page, another real extraction (Readability's)";
    static final String OTHER_YEAR = "filing page, same company, another year, different figures";
    static final String NOT_INDEXED = "passage of the other split (not in the index)";

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d(\"“])");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private NearDuplicateSample() {}

    static List<Passage> load() {
        List<Passage> passages = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream raw = NearDuplicateSample.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test class path");
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                JsonNode node = json.readTree(line);
                passages.add(new Passage(
                        node.path("id").asText(),
                        node.path("kind").asText(),
                        node.path("split").asText(),
                        node.path("text").asText(),
                        node.hasNonNull("otherYear") ? node.get("otherYear").asText() : null,
                        node.hasNonNull("reextracted") ? node.get("reextracted").asText() : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return passages;
    }

    static List<Passage> split(List<Passage> all, String split) {
        return all.stream().filter(p -> p.split().equals(split)).toList();
    }

    /** The queries against an index of {@code indexed} (ids are list positions); deterministic. */
    static List<Query> queries(List<Passage> indexed, List<Passage> others, List<Passage> all) {
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < indexed.size(); i++) {
            Passage passage = indexed.get(i);
            Random random = new Random(passage.id().hashCode());
            for (Edit edit : Edit.values()) {
                queries.add(new Query(edit.label, true, i, edit(edit, passage.text(), all, random)));
            }
            if (passage.reextracted() != null) {
                queries.add(new Query(OTHER_EXTRACTION, true, i, passage.reextracted()));
            }
            if (passage.otherYear() != null) {
                queries.add(new Query(OTHER_YEAR, false, i, passage.otherYear()));
            }
        }
        for (Passage other : others) {
            queries.add(new Query(NOT_INDEXED, false, -1, other.text()));
        }
        return queries;
    }

    static String edit(Edit edit, String text, List<Passage> all, Random random) {
        return switch (edit) {
            case RE_EXTRACTED -> reExtract(text, random);
            case SENTENCE_REWRITTEN -> rewriteSentences(text, all, random);
            case WORDS_EDITED -> editWords(text, all, random);
            case REORDERED -> reorder(text, random);
            case TRUNCATED -> truncate(text, 0.15);
            case COMBINED -> truncate(reExtract(rewriteSentences(text, all, random), random), 0.05);
        };
    }

    private static String reExtract(String text, Random random) {
        String[] words = SPACE.split(text.strip());
        int width = 60 + random.nextInt(41);
        StringBuilder out = new StringBuilder("Table of Contents\n");
        int line = 0;
        int page = 1;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (i > 0 && i % 300 == 0) {
                out.append("\nPage ").append(page++).append("\nTable of Contents\n");
                line = 0;
            } else if (line > 0 && line + word.length() >= width) {
                if (random.nextInt(20) == 0 && word.length() >= 6) {
                    int cut = word.length() / 2;
                    out.append(' ').append(word, 0, cut).append("-\n");
                    word = word.substring(cut);
                } else {
                    out.append('\n');
                }
                line = 0;
            } else if (line > 0) {
                out.append(random.nextInt(10) == 0 ? "  " : " ");
            }
            out.append(word);
            line += word.length() + 1;
        }
        return out.append("\nPage ").append(page).toString();
    }

    private static String rewriteSentences(String text, List<Passage> all, Random random) {
        List<String> sentences = new ArrayList<>(List.of(SENTENCE_END.split(text)));
        int changes = Math.max(1, Math.round(sentences.size() / 10f));
        for (int c = 0; c < changes; c++) {
            String[] donor =
                    SENTENCE_END.split(all.get(random.nextInt(all.size())).text());
            sentences.set(random.nextInt(sentences.size()), donor[random.nextInt(donor.length)]);
        }
        return String.join(" ", sentences);
    }

    private static String editWords(String text, List<Passage> all, Random random) {
        String[] words = SPACE.split(text.strip());
        String[] donor = SPACE.split(all.get(random.nextInt(all.size())).text().strip());
        int changes = Math.max(1, Math.round(words.length / 100f));
        for (int c = 0; c < changes; c++) {
            words[random.nextInt(words.length)] = donor[random.nextInt(donor.length)];
        }
        return String.join(" ", words);
    }

    private static String reorder(String text, Random random) {
        List<String> parts = new ArrayList<>(List.of(text.split("\n")));
        if (parts.size() < 3) {
            List<String> sentences = List.of(SENTENCE_END.split(text.replace('\n', ' ')));
            int third = Math.max(1, sentences.size() / 3);
            parts = new ArrayList<>();
            for (int start = 0; start < sentences.size(); start += third) {
                parts.add(String.join(" ", sentences.subList(start, Math.min(sentences.size(), start + third))));
            }
        }
        List<String> original = List.copyOf(parts);
        for (int attempt = 0; attempt < 10 && parts.equals(original) && parts.size() > 1; attempt++) {
            Collections.shuffle(parts, random);
        }
        return String.join("\n", parts);
    }

    private static String truncate(String text, double share) {
        String[] words = SPACE.split(text.strip());
        int keep = (int) Math.ceil(words.length * (1 - share));
        return String.join(" ", List.of(words).subList(0, keep));
    }
}
