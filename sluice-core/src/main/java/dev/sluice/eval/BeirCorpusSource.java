package dev.sluice.eval;

import dev.sluice.core.Hashing;
import dev.sluice.core.SluiceException;
import dev.sluice.source.ListContext;
import dev.sluice.source.Listing;
import dev.sluice.source.Source;
import dev.sluice.source.SourceItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A BEIR corpus as a source: each corpus document becomes a Markdown document ({@code # title},
 * then the text, as the corpus gives them) whose source-relative path is its corpus id, so that
 * search results and the qrels name documents alike. The version of each document is the hash of
 * its text: importing the same corpus again processes nothing.
 */
public final class BeirCorpusSource implements Source {
    private final String name;
    private final Path folder;

    public BeirCorpusSource(String name, Path folder) {
        this.name = name;
        this.folder = folder;
    }

    @Override
    public String name() {
        return name;
    }

    /** The URI of a corpus document: {@code beir:NAME/ID}. */
    public static String uri(String sourceName, String docId) {
        return "beir:" + sourceName + "/" + docId;
    }

    @Override
    public Listing list(ListContext context) {
        if (context.scratch() == null) {
            throw new IllegalArgumentException("corpus source '" + name + "' needs a scratch folder");
        }
        List<SourceItem> items = new ArrayList<>();
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(context.scratch()), "beir-");
            int[] n = {0};
            EvalSetReader.readBeirCorpus(folder, doc -> {
                String markdown = (doc.title().isBlank() ? "" : "# " + doc.title() + "\n\n") + doc.text() + "\n";
                byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
                Path file = dir.resolve("doc-" + n[0]++ + ".md");
                try {
                    Files.write(file, bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String hash = Hashing.sha256Hex(bytes);
                items.add(new SourceItem(
                        name, file, uri(name, doc.id()), doc.id(), bytes.length, 0, SourceItem.version(hash, null)));
            });
        } catch (IOException | UncheckedIOException e) {
            throw new SluiceException(
                    "corpus source '" + name + "': cannot write to the scratch folder: " + e.getMessage(), e);
        }
        return new Listing(List.of(name), items, List.of(), 0, 0, Map.of());
    }
}
