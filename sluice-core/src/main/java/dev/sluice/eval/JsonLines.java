package dev.sluice.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.sluice.core.SluiceException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Line-by-line reading of UTF-8 text (plain or gzip) and of JSON lines, with errors that name the
 * file and the 1-based line. Blank lines are skipped but counted.
 */
final class JsonLines {
    /** Strict: one value per line, no repeated keys. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Receives one non-blank line. */
    @FunctionalInterface
    interface LineHandler {
        void accept(int lineNo, String line);
    }

    /** Receives one JSON object. */
    @FunctionalInterface
    interface ObjectHandler {
        void accept(int lineNo, JsonNode object);
    }

    private JsonLines() {}

    /** Calls the handler for every non-blank line; a {@code .gz} file is decompressed. */
    static void forEachLine(Path file, LineHandler handler) {
        int lineNo = 0;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a byte-order mark is not content
                }
                if (!line.isBlank()) {
                    handler.accept(lineNo, line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new SluiceException("no file at " + file);
        } catch (CharacterCodingException e) {
            throw new SluiceException(at(file, lineNo + 1) + "not valid UTF-8; save the file as UTF-8");
        } catch (IOException e) {
            throw new SluiceException("cannot read " + file + " (after line " + lineNo + "): " + e.getMessage(), e);
        }
    }

    /** Calls the handler for every non-blank line, which must be one JSON object. */
    static void forEachObject(Path file, ObjectHandler handler) {
        forEachLine(file, (lineNo, line) -> {
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new SluiceException(at(file, lineNo) + "not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new SluiceException(at(file, lineNo) + "expected a JSON object, got "
                        + (node == null
                                ? "nothing"
                                : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
            }
            handler.accept(lineNo, node);
        });
    }

    /** The {@code "<file> line <n>: "} prefix of every message. */
    static String at(Path file, int lineNo) {
        return file + " line " + lineNo + ": ";
    }

    /**
     * A required, non-blank string field; an integral number is accepted and kept as written, since
     * some data sets write numeric ids.
     */
    static String requiredId(JsonNode object, String field, Path file, int lineNo) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new SluiceException(at(file, lineNo) + "missing \"" + field + "\"");
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new SluiceException(at(file, lineNo) + "\"" + field + "\" must be a string, got " + kind(value));
        }
        String text = value.asText();
        if (text.isBlank()) {
            throw new SluiceException(at(file, lineNo) + "\"" + field + "\" is blank");
        }
        return text;
    }

    /** A required, non-blank string field. */
    static String requiredText(JsonNode object, String field, Path file, int lineNo) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new SluiceException(at(file, lineNo) + "missing \"" + field + "\"");
        }
        if (!value.isTextual()) {
            throw new SluiceException(at(file, lineNo) + "\"" + field + "\" must be a string, got " + kind(value));
        }
        if (value.asText().isBlank()) {
            throw new SluiceException(at(file, lineNo) + "\"" + field + "\" is blank");
        }
        return value.asText();
    }

    /** An optional string field: {@code fallback} when absent or null. */
    static String optionalText(JsonNode object, String field, String fallback, Path file, int lineNo) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new SluiceException(at(file, lineNo) + "\"" + field + "\" must be a string, got " + kind(value));
        }
        return value.asText();
    }

    static String kind(JsonNode value) {
        return value.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + value;
    }
}
