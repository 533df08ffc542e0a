package dev.sluice.transform;

import dev.sluice.chunk.Chunk;
import dev.sluice.config.ConfigLoader;
import dev.sluice.core.Hashing;
import dev.sluice.sqlite.SqliteCatalog;
import dev.sluice.testkit.ScriptedOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the transform tests share: a sluice.yaml pointing at a scripted OpenAI-protocol server on
 * 127.0.0.1, a catalog file, documents with chunks, and a reply that depends on the prompt: a policy
 * document is labelled policy, others report, and every chunk gets one question. The server reports
 * tokens as a BPE tokenizer roughly would: one per four characters.
 */
final class TransformFixture implements AutoCloseable {
    static final String CHEAP = "mini";
    static final String STRONG = "big";

    final Path dir;
    final ScriptedOpenAiServer server;
    final Path catalogFile;
    private final List<AutoCloseable> opened = new ArrayList<>();

    TransformFixture(Path dir) throws IOException {
        this.dir = dir;
        this.server = new ScriptedOpenAiServer();
        this.catalogFile = dir.resolve("catalog.sqlite");
        server.respond(TransformFixture::reply);
    }

    /** The reply a well-behaved model gives to this request. */
    static ScriptedOpenAiServer.Step reply(ScriptedOpenAiServer.Seen request) {
        String prompt = request.lastUserMessage();
        String text;
        if (prompt.contains("Choose exactly one label")) {
            text = prompt.substring(prompt.indexOf("Title:"))
                            .toLowerCase(java.util.Locale.ROOT)
                            .contains("policy")
                    ? "{\"label\": \"policy\"}"
                    : "{\"label\": \"report\"}";
        } else if (prompt.contains("questions that the passage")) {
            text = "{\"questions\": [\"What does passage " + (prompt.length() % 97) + " say?\"]}";
        } else if (prompt.contains("Extract these fields")) {
            text = "{\"company\": \"ACME\", \"fiscal_year\": 2023, \"currency\": null}";
        } else {
            text = "{\"summary\": \"A document.\"}";
        }
        return ScriptedOpenAiServer.ok(text, tokens(request), text.length() / 4 + 1);
    }

    /** Input tokens as the provider would count them: about one per four characters, plus chat overhead. */
    static long tokens(ScriptedOpenAiServer.Seen request) {
        long chars = 0;
        for (var m : request.body().path("messages")) {
            chars += m.path("content").asText().length();
        }
        return chars / 4 + 7;
    }

    /** The sluice.yaml with {@code transforms} (the section's text, indented under it) and returns its settings. */
    TransformSettings settings(String transforms) throws IOException {
        Path file = dir.resolve("sluice.yaml");
        Files.writeString(file, """
                llm:
                  baseUrl: %s
                  model: mini
                  strongModel: big
                  retries: 0
                  prices:
                    mini: {inputPerMillion: 1.00, outputPerMillion: 2.00}
                    big: {inputPerMillion: 10.00, outputPerMillion: 40.00}
                sources:
                  - name: handbook
                    path: handbook
                  - name: wiki
                    path: wiki
                transforms:
                %s""".formatted(server.baseUrl(), transforms.indent(2)));
        return ConfigLoader.load(file).transforms();
    }

    /** A catalog on the test's file; closed with the fixture. */
    SqliteCatalog catalog() {
        return keep(SqliteCatalog.open(catalogFile));
    }

    /** Transforms over a freshly opened catalog, as a new process would open them. */
    Transforms open(TransformSettings settings) {
        SqliteCatalog catalog = catalog();
        return keep(Transforms.open(settings, catalog.transforms(), catalog, name -> null, Clock.systemUTC()));
    }

    <T extends AutoCloseable> T keep(T c) {
        opened.add(c);
        return c;
    }

    /** Closes everything opened so far (a process ending), keeping the server. */
    void restart() {
        for (AutoCloseable c : opened.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + c, e);
            }
        }
        opened.clear();
    }

    static TransformInput document(String name, String source, String text, String... chunkTexts) {
        String uri = "file:///kb/" + name + ".md";
        List<Chunk> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < chunkTexts.length; i++) {
            String t = chunkTexts[i];
            chunks.add(new Chunk(
                    Hashing.sha256Hex(uri + "#" + i).substring(0, 16),
                    uri,
                    i,
                    name,
                    List.of(name),
                    0,
                    0,
                    at,
                    at + t.length(),
                    t,
                    t.length() / 4,
                    Hashing.sha256Hex(t),
                    "test/1"));
            at += t.length() + 1;
        }
        return new TransformInput(uri, source, name, text, chunks);
    }

    /** Three documents of the handbook with two chunks each, one of them a policy. */
    static List<TransformInput> handbook() {
        return List.of(
                document(
                        "leave",
                        "handbook",
                        "Leave policy. Employees take 25 days of paid leave a year.",
                        "Employees take 25 days of paid leave a year.",
                        "Unused days carry over until March."),
                document(
                        "q3",
                        "handbook",
                        "Quarterly report. Revenue grew 12% in the third quarter.",
                        "Revenue grew 12% in the third quarter.",
                        "Costs stayed flat."),
                document(
                        "travel",
                        "handbook",
                        "Travel report. Trips fell by a third after the new rules.",
                        "Trips fell by a third after the new rules.",
                        "Trains replaced most short flights."));
    }

    static Map<String, List<String>> metadataOf(Enrichment e) {
        return e.metadata();
    }

    @Override
    public void close() {
        restart();
        server.close();
    }
}
