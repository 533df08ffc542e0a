package dev.sluice.diagnose;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.DocumentRecord;
import dev.sluice.core.AccessList;
import dev.sluice.core.UsageException;
import dev.sluice.source.DirectorySource;
import dev.sluice.source.Source;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The document a diagnosis expects, found where it is: in the catalog, among the documents a run removed,
 * or only as a file under a configured folder source. A reference nothing knows, and one the viewer of
 * the diagnosis may not read, fail alike with {@link #unknown}, so that a diagnosis never tells a caller
 * that another tenant's document exists.
 */
sealed interface ExpectedDocument {
    /** A source name and path for people. */
    String display();

    /** In the catalog (indexed or quarantined); {@code chunkId} when the reference named a chunk. */
    record Catalogued(DocumentRecord record, String chunkId) implements ExpectedDocument {
        @Override
        public String display() {
            return record.source() + ": " + record.path();
        }
    }

    /** Removed by a run because its file was gone. */
    record Removed(Catalog.Removal removal) implements ExpectedDocument {
        @Override
        public String display() {
            return removal.source() + ": " + removal.path();
        }
    }

    /**
     * A file under a configured folder source that the catalog has never recorded.
     *
     * @param leftOutBecause why a listing leaves it out ({@link DirectorySource#leftOutBecause}), or null
     */
    record AtSource(DirectorySource source, Path file, String path, String leftOutBecause) implements ExpectedDocument {
        @Override
        public String display() {
            return source.name() + ": " + path;
        }
    }

    /** The same error for a reference nothing knows and for one the viewer may not read. */
    static UsageException unknown(String ref) {
        return new UsageException("no document '" + ref + "': not a chunk id, document URI or source-relative path"
                + " known to the catalog or found under a configured source");
    }

    /**
     * Finds {@code ref}: a chunk id, a document URI, a source-relative path of the catalog, a removed
     * document's URI or path, then a file under a configured folder source.
     *
     * @param viewerTokens who asks for the diagnosis; null for full access
     */
    static ExpectedDocument locate(String ref, Catalog catalog, List<Source> sources, List<String> viewerTokens) {
        ExpectedDocument found = find(ref, catalog, sources);
        if (found == null || !visible(found, viewerTokens)) {
            throw unknown(ref);
        }
        return found;
    }

    private static ExpectedDocument find(String ref, Catalog catalog, List<Source> sources) {
        Catalog.ChunkLineage chunk = catalog.chunk(ref);
        if (chunk != null && catalog.document(chunk.documentUri()) != null) {
            return new Catalogued(catalog.document(chunk.documentUri()), chunk.id());
        }
        DocumentRecord byUri = catalog.document(ref);
        if (byUri != null) {
            return new Catalogued(byUri, null);
        }
        List<DocumentRecord> byPath = catalog.documents().values().stream()
                .filter(d -> d.path().equals(ref) || (d.source() + "/" + d.path()).equals(ref))
                .toList();
        if (byPath.size() > 1) {
            throw new UsageException("'" + ref + "' is the path of " + byPath.size()
                    + " documents in different sources; give the URI instead (sluice lineage " + ref + " lists them)");
        }
        if (byPath.size() == 1) {
            return new Catalogued(byPath.getFirst(), null);
        }
        for (Source source : sources) {
            if (source instanceof DirectorySource folder) {
                Path file = fileOf(ref, folder.root());
                if (file != null && Files.isRegularFile(file)) {
                    String path = relative(folder.root(), file);
                    return new AtSource(folder, file, path, folder.leftOutBecause(file));
                }
            }
        }
        List<Catalog.Removal> removed = catalog.removals(ref);
        return removed.isEmpty() ? null : new Removed(removed.getFirst());
    }

    /** The file {@code ref} names under {@code root} (a file: URI or a path relative to it), or null. */
    private static Path fileOf(String ref, Path root) {
        Path file;
        try {
            file = ref.startsWith("file:") ? Path.of(URI.create(ref)) : root.resolve(ref);
        } catch (IllegalArgumentException e) { // InvalidPathException too
            return null;
        }
        file = file.toAbsolutePath().normalize();
        return file.startsWith(root) && !file.equals(root) ? file : null;
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Whether the viewer may learn of the document. A file the catalog never recorded is visible when its
     * source's access list lets the viewer read, and it has no access sidecar of its own (which may say
     * otherwise).
     */
    private static boolean visible(ExpectedDocument d, List<String> viewerTokens) {
        if (viewerTokens == null) {
            return true;
        }
        return switch (d) {
            case Catalogued c -> AccessList.readable(c.record().access(), viewerTokens);
            case Removed r -> AccessList.readable(r.removal().access(), viewerTokens);
            case AtSource s ->
                AccessList.readable(s.source().access().fingerprint(), viewerTokens)
                        && !Files.exists(
                                s.file().resolveSibling(s.file().getFileName() + DirectorySource.ACCESS_SIDECAR));
        };
    }
}
