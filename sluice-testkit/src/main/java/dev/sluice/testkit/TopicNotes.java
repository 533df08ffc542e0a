package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Twenty Markdown notes, each about one distinct word, for tests that need a question per document
 * with one clear answer: "where is a volcano found" finds {@code volcano.md} first in every mode.
 * Overwriting a note with {@link #note(String) another topic's text} makes its question fail, which is
 * how tests induce a real retrieval regression.
 */
public final class TopicNotes {
    public static final List<String> TOPICS = List.of(
            "volcano",
            "glacier",
            "saxophone",
            "origami",
            "lighthouse",
            "penguin",
            "cathedral",
            "espresso",
            "tornado",
            "satellite",
            "kangaroo",
            "harpsichord",
            "avalanche",
            "submarine",
            "pyramid",
            "telescope",
            "waterfall",
            "chameleon",
            "blacksmith",
            "compass");

    private TopicNotes() {}

    /** The note about {@code topic}. */
    public static String note(String topic) {
        return "# The " + topic + "\n\nThis note is about the " + topic + ". Everything here concerns the " + topic
                + ": how the " + topic + " came to be, where a " + topic + " is found, and why the " + topic
                + " matters.\n";
    }

    /** Writes {@code <topic>.md} for each topic into {@code folder}; returns the folder. */
    public static Path write(Path folder, List<String> topics) {
        try {
            Files.createDirectories(folder);
            for (String topic : topics) {
                Files.writeString(folder.resolve(topic + ".md"), note(topic), StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the notes of {@code topics} in {@code folder} with text about something else. */
    public static void spoil(Path folder, List<String> topics) {
        try {
            for (String topic : topics) {
                Files.writeString(folder.resolve(topic + ".md"), note("unrelated matter"), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One eval-set line (Sluice JSON lines) asking where the topic of {@code path} is found, judged by {@code uri}. */
    public static String question(String path, String uri) {
        String topic = path.replace(".md", "");
        return "{\"id\": \"" + topic + "\", \"question\": \"where is a " + topic + " found\", \"relevant\": [\"" + uri
                + "\"]}";
    }
}
